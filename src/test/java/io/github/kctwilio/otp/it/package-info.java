/**
 * The integration tests ({@code *IT}, run by failsafe in {@code mvn verify}): the plugin's jar in a real Keycloak
 * distribution, driven over HTTP ({@link io.github.kctwilio.otp.testsupport.LoginBrowser}) or in headless Chromium,
 * with the real twilio-java SDK talking to the Verify emulator. The classes that use the run's one shared Keycloak
 * extend {@link io.github.kctwilio.otp.it.KeycloakITBase}, which hands each test a reset emulator, a fresh browser and
 * the admin API; {@code ClusterIT} and {@code ContainerLoginIT} start servers of their own, and {@code
 * ProviderJarClasspathIT} only reads the jar. {@code adversarial/} holds the payloads and probe of {@code
 * AdversarialInputIT}, {@code hygiene/} the secret scan of {@code LogAndEventHygieneIT} (which runs last).
 *
 * <p>One class: {@code mvn -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PhoneNumbersIT}.
 */
package io.github.kctwilio.otp.it;

/**
 * The test harness: what the integration tests, the demo and the benchmark use to run and drive the real parts. Not
 * tests, and nothing here asserts what the plugin does (the few {@code *Test} classes check the helpers themselves).
 *
 * <ul>
 *   <li>Running Keycloak: a stock distribution as a local process with the built jar ({@link
 *       io.github.kctwilio.otp.testsupport.KeycloakDistribution}), a two-node cluster on a private PostgreSQL
 *       ({@link io.github.kctwilio.otp.testsupport.KeycloakCluster}, {@link io.github.kctwilio.otp.testsupport.PostgresServer}),
 *       and the one server and emulator every integration test class of a run shares ({@link
 *       io.github.kctwilio.otp.testsupport.TestEnvironment}).</li>
 *   <li>Realms as JSON: {@link io.github.kctwilio.otp.testsupport.RealmJson} and the demo, signup and step-up realms.</li>
 *   <li>Acting as a person or an admin would: a browser over HTTP ({@link io.github.kctwilio.otp.testsupport.LoginBrowser}),
 *       headless Chromium ({@link io.github.kctwilio.otp.testsupport.HeadlessChromium}), the admin REST API ({@link
 *       io.github.kctwilio.otp.testsupport.AdminApi}), tokens, metrics, TOTP codes, fresh users and numbers
 *       ({@link io.github.kctwilio.otp.testsupport.TestUsers}).</li>
 * </ul>
 *
 * <p>Who uses it: the integration tests ({@code it/}), the demo ({@code demo/}) and the benchmark ({@code bench/}).
 */
package io.github.kctwilio.otp.testsupport;

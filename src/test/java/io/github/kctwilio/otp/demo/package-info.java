/**
 * The demo, {@code mvn -Pdemo package} (README, "Quick start"): {@link io.github.kctwilio.otp.demo.DemoLauncher}
 * starts a stock Keycloak with the built jar, the committed demo realm ({@code demo/demo-realm.json}) and the Verify
 * emulator, from the test class path. The tests here keep what the demo and the release ship true to the code: the
 * demo realm file, {@code docker-compose.yml} and the version numbers.
 */
package io.github.kctwilio.otp.demo;

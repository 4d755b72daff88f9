/**
 * The Verify emulator: a stand-in for Twilio Verify v2 on localhost, so that nothing here needs a Twilio account or
 * sends an SMS. Not a test, and no part of the plugin: a small stateful HTTP server ({@link
 * io.github.kctwilio.otp.emulator.VerifyEmulator}, the JDK's HTTP server and Jackson, no import of the plugin) that
 * creates, checks and cancels verifications as Twilio does, with Twilio's limits, input validation and error bodies,
 * on a clock tests can move; tests read the code "sent" to a number and inject failures, delays and hangs.
 *
 * <p>Who uses it: the integration tests ({@code it/}, through {@link io.github.kctwilio.otp.testsupport.TestEnvironment}),
 * the Twilio gateway's tests against the real twilio-java SDK ({@code verify/}), the demo ({@code mvn -Pdemo package}),
 * {@code docker-compose.yml}'s {@code verify-emulator} service (its {@code main} from {@code target/test-classes}, with
 * only a JDK and Keycloak's Jackson on the class path) and the benchmark ({@code bench/}).
 *
 * <p>Its own tests live here too ({@code VerifyEmulator*Test}, with {@code ContractSpec} and {@code
 * EmulatorTestSupport}, the only classes here that import JUnit, twilio-java or the OpenAPI validator): the contract
 * against Twilio's OpenAPI description ({@code src/test/resources/twilio/twilio_verify_v2.json}), the SDK's view, the
 * hooks and the standing faults.
 */
package io.github.kctwilio.otp.emulator;

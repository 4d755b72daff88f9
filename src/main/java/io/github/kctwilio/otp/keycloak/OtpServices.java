package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.exchange.CodeDelivery;
import io.github.kctwilio.otp.keycloak.exchange.CodeCheck;
import io.github.kctwilio.otp.keycloak.exchange.NumberScreen;
import io.github.kctwilio.otp.lookup.DecoyLookupGateway;
import io.github.kctwilio.otp.lookup.LookupGateways;
import io.github.kctwilio.otp.verify.TransportSettings;
import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.keycloak.store.KeycloakClock;
import io.github.kctwilio.otp.metrics.TwilioOtpMetrics;
import io.github.kctwilio.otp.verify.VerifyGateways;
import io.github.kctwilio.otp.verify.VerifyTimings;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * What the login step and the required action run with, built once per provider factory from the server-wide
 * settings: the config loader, sending, checking, the clock, and the Twilio HTTP clients behind them.
 */
record OtpServices(StepConfigLoader configLoader, CodeDelivery delivery, CodeCheck check, Clock clock, VerifyGateways gateways,
                   LookupGateways lookups) {

    private static final Logger LOG = Logger.getLogger(OtpServices.class);

    /** @param lookup where Twilio Lookup is (server option lookup-api-base-url), with Verify's timeouts */
    static OtpServices start(ServerSettings settings, TransportSettings lookup) {
        // Every gateway counts its Twilio calls on Keycloak's metrics (published with --metrics-enabled=true).
        // It also measures them, so that a decoy (a reset that gets no code) takes as long as a real request.
        // Keycloak's time, not the JVM's: expiry and caps follow Keycloak's sessions (and a test's move of the server's time).
        Clock clock = KeycloakClock.UTC;
        VerifyTimings timings = new VerifyTimings(clock);
        TwilioOtpMetrics metrics = TwilioOtpMetrics.onKeycloakRegistry();
        VerifyGateways gateways = new VerifyGateways(settings.transport(), (credentials, gateway) ->
                timings.measure(metrics.instrument(gateway), VerifyTimings.accountOf(credentials)));
        // Lookup on the same account as the send (the step's or realm's credentials), counted and measured the same way.
        LookupGateways lookups = new LookupGateways(lookup, clock,
                gateway -> DecoyLookupGateway.measured(metrics.instrument(gateway), timings));
        CodeDelivery delivery = new CodeDelivery(gateways, timings, new NumberScreen(lookups, timings, clock));
        return new OtpServices(new StepConfigLoader(settings), delivery, new CodeCheck(gateways, timings), clock, gateways, lookups);
    }

    /** Closes the Twilio HTTP clients (Keycloak shutting down). */
    void stop() {
        for (AutoCloseable clients : new AutoCloseable[] {gateways, lookups}) {
            try {
                clients.close();
            } catch (Exception e) {
                LOG.debug("Closing a Twilio HTTP client failed", e);
            }
        }
    }
}

package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.exchange.CodeDelivery;
import io.github.kctwilio.otp.keycloak.exchange.CodeCheck;
import io.github.kctwilio.otp.keycloak.store.StepConfigLoader;
import io.github.kctwilio.otp.config.ServerSettings;
import io.github.kctwilio.otp.keycloak.store.KeycloakClock;
import io.github.kctwilio.otp.metrics.TwilioOtpMetrics;
import io.github.kctwilio.otp.verify.VerifyGateways;
import io.github.kctwilio.otp.verify.VerifyTimings;
import java.io.IOException;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * What the login step and the required action run with, built once per provider factory from the server-wide
 * settings: the config loader, sending, checking, the clock, and the Twilio HTTP clients behind them.
 */
record OtpServices(StepConfigLoader configLoader, CodeDelivery delivery, CodeCheck check, Clock clock, VerifyGateways gateways) {

    private static final Logger LOG = Logger.getLogger(OtpServices.class);

    static OtpServices start(ServerSettings settings) {
        // Every gateway counts its Twilio calls on Keycloak's metrics (published with --metrics-enabled=true).
        // It also measures them, so that a decoy (a reset that gets no code) takes as long as a real request.
        // Keycloak's time, not the JVM's: expiry and caps follow Keycloak's sessions (and a test's move of the server's time).
        Clock clock = KeycloakClock.UTC;
        VerifyTimings timings = new VerifyTimings(clock);
        TwilioOtpMetrics metrics = TwilioOtpMetrics.onKeycloakRegistry();
        VerifyGateways gateways = new VerifyGateways(settings.transport(), gateway -> timings.measure(metrics.instrument(gateway)));
        return new OtpServices(new StepConfigLoader(settings), new CodeDelivery(gateways, timings), new CodeCheck(gateways, timings),
                clock, gateways);
    }

    /** Closes the Twilio HTTP clients (Keycloak shutting down). */
    void stop() {
        try {
            gateways.close();
        } catch (IOException e) {
            LOG.debug("Closing the Twilio HTTP client failed", e);
        }
    }
}

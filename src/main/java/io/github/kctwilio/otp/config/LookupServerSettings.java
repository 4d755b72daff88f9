package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.lookup.LookupGateways;
import io.github.kctwilio.otp.verify.TransportSettings;
import java.util.function.UnaryOperator;

/**
 * Where the plugin reaches Twilio Lookup: the server-wide option {@code lookup-api-base-url} (default
 * {@code https://lookups.twilio.com}), with the timeouts of Verify. An option of its own, not a reuse of
 * {@code api-base-url}: Lookup and Verify are different hosts at Twilio, and a proxy for one need not
 * serve the other. Server-wide only, like the Verify URL: a realm admin must not send the server's credentials elsewhere.
 */
public final class LookupServerSettings {

    private LookupServerSettings() {
    }

    /**
     * @param spiOption reads an SPI option by its name; null when unset
     * @param server    the settings read from the same options (timeouts)
     * @throws IllegalArgumentException naming the option when it is malformed: the server should not start
     */
    public static TransportSettings read(UnaryOperator<String> spiOption, ServerSettings server) {
        return new TransportSettings(
                ServerSettings.baseUrl(Setting.LOOKUP_API_BASE_URL.key(), spiOption.apply(Setting.LOOKUP_API_BASE_URL.key()),
                        LookupGateways.TWILIO_LOOKUP_URL),
                server.transport().connectTimeout(),
                server.transport().readTimeout());
    }
}

package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.verify.TransportSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Server-wide defaults with every credential set, and resolution of an execution's settings against them. */
final class ConfigFixtures {

    static final ServerSettings SERVER = new ServerSettings("AC0123456789abcdef0123456789abcdef", "token",
            "VA0123456789abcdef0123456789abcdef",
            new TransportSettings(URI.create("https://verify.twilio.com"), Duration.ofSeconds(2), Duration.ofSeconds(5)));

    private ConfigFixtures() {
    }

    /** The execution's own settings over {@link #SERVER}, secrets taken as they are. */
    static TwilioOtpConfig resolve(Map<String, String> own) throws ConfigException {
        return TwilioOtpConfig.resolve(own, SERVER, Optional::of);
    }
}

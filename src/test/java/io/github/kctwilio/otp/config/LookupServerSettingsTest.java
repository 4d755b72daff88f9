package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.kctwilio.otp.verify.TransportSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LookupServerSettingsTest {

    private final Map<String, String> spi = new HashMap<>();

    private TransportSettings read() {
        return LookupServerSettings.read(spi::get, ServerSettings.read(spi::get, name -> null));
    }

    @Test
    void withoutTheOptionLookupGoesToTwilioWithVerifysTimeouts() {
        spi.put(Setting.CONNECT_TIMEOUT_MS.key(), "700");
        spi.put(Setting.READ_TIMEOUT_MS.key(), "1500");

        TransportSettings lookup = read();

        assertThat(lookup.apiBaseUrl()).isEqualTo(URI.create("https://lookups.twilio.com"));
        assertThat(lookup.connectTimeout()).isEqualTo(Duration.ofMillis(700));
        assertThat(lookup.readTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void theVerifyBaseUrlDoesNotMoveLookup() {
        spi.put(Setting.API_BASE_URL.key(), "https://proxy.example.com/verify");

        assertThat(read().apiBaseUrl()).isEqualTo(URI.create("https://lookups.twilio.com"));
    }

    @Test
    void theOptionPointsLookupAtTheEmulator() {
        spi.put(Setting.LOOKUP_API_BASE_URL.key(), " http://127.0.0.1:8089 ");

        assertThat(read().apiBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
    }

    @Test
    void aMalformedOptionStopsTheServerNamingIt() {
        spi.put(Setting.LOOKUP_API_BASE_URL.key(), "https://user:secret@lookups.twilio.com");

        assertThatIllegalArgumentException().isThrownBy(this::read)
                .withMessageContaining("lookup-api-base-url")
                .withMessageContaining("https://lookups.twilio.com")
                .withMessageNotContaining("secret");
    }
}

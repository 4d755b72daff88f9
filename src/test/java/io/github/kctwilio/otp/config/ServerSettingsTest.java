package io.github.kctwilio.otp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.kctwilio.otp.verify.TransportSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerSettingsTest {

    private static final String SPI_ACCOUNT = "AC11111111111111111111111111111111";
    private static final String ENV_ACCOUNT = "AC22222222222222222222222222222222";
    private static final String SPI_SERVICE = "VA11111111111111111111111111111111";
    private static final String ENV_SERVICE = "VA22222222222222222222222222222222";
    private static final String SPI_TOKEN = "spi-token-5ecret";
    private static final String ENV_TOKEN = "env-token-5ecret";

    private final Map<String, String> spi = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private ServerSettings read() {
        return ServerSettings.read(spi::get, env::get);
    }

    private void setEnvCredentials() {
        env.put(ServerSettings.ENV_ACCOUNT_SID, ENV_ACCOUNT);
        env.put(ServerSettings.ENV_AUTH_TOKEN, ENV_TOKEN);
        env.put(ServerSettings.ENV_VERIFY_SID, ENV_SERVICE);
    }

    @Test
    void spiOptionsWinOverTwilioEnvironmentVariables() {
        setEnvCredentials();
        spi.put("account-sid", SPI_ACCOUNT);
        spi.put("auth-token", SPI_TOKEN);
        spi.put("verify-service-sid", SPI_SERVICE);

        ServerSettings settings = read();

        assertThat(settings.accountSid()).isEqualTo(SPI_ACCOUNT);
        assertThat(settings.authToken()).isEqualTo(SPI_TOKEN);
        assertThat(settings.verifyServiceSid()).isEqualTo(SPI_SERVICE);
    }

    @Test
    void fallsBackToTwilioEnvironmentVariablesWhenSpiOptionsAreUnset() {
        env.put("TWILIO_ACCOUNT_SID", ENV_ACCOUNT);
        env.put("TWILIO_AUTH_TOKEN", ENV_TOKEN);
        env.put("TWILIO_VERIFY_SID", ENV_SERVICE);

        ServerSettings settings = read();

        assertThat(settings.accountSid()).isEqualTo(ENV_ACCOUNT);
        assertThat(settings.authToken()).isEqualTo(ENV_TOKEN);
        assertThat(settings.verifyServiceSid()).isEqualTo(ENV_SERVICE);
    }

    @Test
    void fallsBackToEnvironmentWhenSpiOptionsAreBlank() {
        setEnvCredentials();
        spi.put("account-sid", "");
        spi.put("auth-token", "   ");
        spi.put("verify-service-sid", "\t");

        ServerSettings settings = read();

        assertThat(settings.accountSid()).isEqualTo(ENV_ACCOUNT);
        assertThat(settings.authToken()).isEqualTo(ENV_TOKEN);
        assertThat(settings.verifyServiceSid()).isEqualTo(ENV_SERVICE);
    }

    @Test
    void eachCredentialFallsBackOnItsOwn() {
        setEnvCredentials();
        spi.put("auth-token", SPI_TOKEN);

        ServerSettings settings = read();

        assertThat(settings.accountSid()).isEqualTo(ENV_ACCOUNT);
        assertThat(settings.authToken()).isEqualTo(SPI_TOKEN);
        assertThat(settings.verifyServiceSid()).isEqualTo(ENV_SERVICE);
    }

    @Test
    void trimsCredentials() {
        spi.put("account-sid", "  " + SPI_ACCOUNT + " ");
        env.put("TWILIO_AUTH_TOKEN", " " + ENV_TOKEN + "\n");

        ServerSettings settings = read();

        assertThat(settings.accountSid()).isEqualTo(SPI_ACCOUNT);
        assertThat(settings.authToken()).isEqualTo(ENV_TOKEN);
    }

    @Test
    void leavesCredentialsNullWhenNothingIsSet() {
        ServerSettings settings = read();

        assertThat(settings.accountSid()).isNull();
        assertThat(settings.authToken()).isNull();
        assertThat(settings.verifyServiceSid()).isNull();
    }

    @Test
    void usesTwilioAndShortTimeoutsByDefault() {
        TransportSettings transport = read().transport();

        assertThat(transport.apiBaseUrl()).isEqualTo(URI.create("https://verify.twilio.com"));
        assertThat(transport.connectTimeout()).isEqualTo(Duration.ofMillis(2000));
        assertThat(transport.readTimeout()).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void blankTransportOptionsMeanDefaults() {
        spi.put("api-base-url", " ");
        spi.put("connect-timeout-ms", "");
        spi.put("read-timeout-ms", "  ");

        TransportSettings transport = read().transport();

        assertThat(transport.apiBaseUrl()).isEqualTo(TransportSettings.TWILIO_VERIFY_URL);
        assertThat(transport.connectTimeout()).isEqualTo(Duration.ofMillis(2000));
        assertThat(transport.readTimeout()).isEqualTo(Duration.ofMillis(5000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089", "http://localhost:8089/", "https://proxy.example.com/twilio", "https://verify.twilio.com"})
    void acceptsHttpAndHttpsBaseUrls(String url) {
        spi.put("api-base-url", url);

        assertThat(read().transport().apiBaseUrl()).isEqualTo(URI.create(url));
    }

    @Test
    void trimsTheBaseUrl() {
        spi.put("api-base-url", "  http://localhost:8089 ");

        assertThat(read().transport().apiBaseUrl()).isEqualTo(URI.create("http://localhost:8089"));
    }

    @Test
    void takesTransportSettingsFromSpiOptionsOnly() {
        env.put("api-base-url", "http://evil.example.com");
        env.put("connect-timeout-ms", "999");
        env.put("read-timeout-ms", "999");

        TransportSettings transport = read().transport();

        assertThat(transport.apiBaseUrl()).isEqualTo(TransportSettings.TWILIO_VERIFY_URL);
        assertThat(transport.connectTimeout()).isEqualTo(Duration.ofMillis(2000));
        assertThat(transport.readTimeout()).isEqualTo(Duration.ofMillis(5000));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ftp://verify.twilio.com",
            "file:///etc/passwd",
            "https:///v2",
            "https://",
            "http:",
            "verify.twilio.com",
            "//verify.twilio.com",
            "https://verify.twilio.com/?x=1",
            "https://verify.twilio.com#frag",
            "https://user:pa55word@verify.twilio.com",
            "https://user@verify.twilio.com",
            "not a url",
            "ht tp://x",
            "%%%",
            "javascript:alert(1)",
    })
    void refusesMalformedBaseUrlNamingTheOption(String url) {
        spi.put("api-base-url", url);

        assertThatIllegalArgumentException().isThrownBy(this::read)
                .withMessageContaining("api-base-url");
    }

    @Test
    void malformedBaseUrlMessageDoesNotEchoAPasswordInIt() {
        spi.put("api-base-url", "https://user:pa55word@verify.twilio.com");

        assertThatIllegalArgumentException().isThrownBy(this::read)
                .withMessageContaining("api-base-url")
                .withMessageNotContaining("pa55word");
    }

    @Test
    void readsTimeoutsInMilliseconds() {
        spi.put("connect-timeout-ms", "750");
        spi.put("read-timeout-ms", " 12000 ");

        TransportSettings transport = read().transport();

        assertThat(transport.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(transport.readTimeout()).isEqualTo(Duration.ofMillis(12000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"100", "60000"})
    void acceptsTimeoutsAtTheLimits(String millis) {
        spi.put("connect-timeout-ms", millis);
        spi.put("read-timeout-ms", millis);

        TransportSettings transport = read().transport();

        assertThat(transport.connectTimeout()).isEqualTo(Duration.ofMillis(Long.parseLong(millis)));
        assertThat(transport.readTimeout()).isEqualTo(Duration.ofMillis(Long.parseLong(millis)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "2s", "1.5", "1e3", "0x64", "99", "0", "-1", "60001", "99999999999", "2000ms"})
    void refusesMalformedConnectTimeoutNamingTheOption(String value) {
        spi.put("connect-timeout-ms", value);

        assertThatIllegalArgumentException().isThrownBy(this::read)
                .withMessageContaining("connect-timeout-ms")
                .withMessageNotContaining("read-timeout-ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "2s", "1.5", "99", "0", "-5000", "60001", "2147483648"})
    void refusesMalformedReadTimeoutNamingTheOption(String value) {
        spi.put("read-timeout-ms", value);

        assertThatIllegalArgumentException().isThrownBy(this::read)
                .withMessageContaining("read-timeout-ms")
                .withMessageNotContaining("connect-timeout-ms");
    }

    @Test
    void toStringNeverContainsTheAuthToken() {
        spi.put("account-sid", SPI_ACCOUNT);
        spi.put("auth-token", SPI_TOKEN);

        String text = read().toString();

        assertThat(text).doesNotContain(SPI_TOKEN).doesNotContain("5ecret");
        assertThat(text).contains(SPI_ACCOUNT, "authToken=***");
    }

    @Test
    void toStringSaysWhenTheTokenIsUnset() {
        assertThat(read().toString()).contains("authToken=unset");
    }

    @Test
    void toStringOfDirectlyBuiltSettingsHidesTheToken() {
        ServerSettings settings = new ServerSettings(SPI_ACCOUNT, ENV_TOKEN, SPI_SERVICE,
                new TransportSettings(TransportSettings.TWILIO_VERIFY_URL, Duration.ofSeconds(1), Duration.ofSeconds(2)));

        assertThat(settings.toString()).doesNotContain(ENV_TOKEN);
        assertThat(settings.authToken()).isEqualTo(ENV_TOKEN);
    }
}

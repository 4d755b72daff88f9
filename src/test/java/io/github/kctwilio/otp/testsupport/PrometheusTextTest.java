package io.github.kctwilio.otp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsBothLabelStylesKeycloakServesAndSumsOverUnnamedLabels() {
        PrometheusText scrape = new PrometheusText("""
                # HELP twilio_otp_sends_total Sends
                # TYPE twilio_otp_sends_total counter
                twilio_otp_sends_total{channel="sms",outcome="sent",} 3.0
                twilio_otp_sends_total{channel="call",outcome="sent"} 2.0
                twilio_otp_sends_total{channel="sms",outcome="unavailable"} 1.0
                jvm_threads_live_threads 42.0
                """);

        assertThat(scrape.value("twilio_otp_sends_total", Map.of("channel", "sms", "outcome", "sent"))).isEqualTo(3.0);
        assertThat(scrape.value("twilio_otp_sends_total", Map.of("outcome", "sent"))).isEqualTo(5.0);
        assertThat(scrape.value("twilio_otp_sends_total", Map.of("channel", "email"))).isZero();
        assertThat(scrape.value("jvm_threads_live_threads", Map.of())).isEqualTo(42.0);
        assertThat(scrape.samples("twilio_otp_sends_total")).hasSize(3);
    }

    @Test
    void aLineThatIsNoSampleIsAnError() {
        assertThatThrownBy(() -> new PrometheusText("<html>not metrics</html>")).isInstanceOf(IllegalArgumentException.class);
    }
}

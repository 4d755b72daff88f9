package io.github.kctwilio.otp.it.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.it.hygiene.SecretScan.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan of LogAndEventHygieneIT finds what it looks for, in every spelling, and nothing in look-alikes. */
class SecretScanTest {

    private static final List<Secret> SECRETS = List.of(Secret.phone("+14155550134"), Secret.code("482913"),
            Secret.literal("auth token", "emulatortoken0000000000000000000"));

    @Test
    void findsAFullNumberInEveryCommonSpelling() {
        for (String text : List.of("to=+14155550134", "To=%2B14155550134&x", "phone 4155550134.", "tel 14155550134",
                "(415) 555-0134", "415-555-0134", "415 555 0134", "415.555.0134")) {
            assertThat(SecretScan.findings(List.of(new Source("line", text)), SECRETS)).as(text).hasSize(1);
        }
    }

    @Test
    void findsACodeAsAWholeTokenAndTheTokenAnywhere() {
        assertThat(SecretScan.findings(List.of(new Source("line 7", "check code=482913 ok")), SECRETS))
                .singleElement().asString().contains("code 482913 in line 7");
        assertThat(SecretScan.findings(List.of(new Source("e", "{\"t\":\"xemulatortoken0000000000000000000y\"}")), SECRETS)).hasSize(1);
    }

    @Test
    void ignoresMaskedNumbersAndDigitsInsideLongerRuns() {
        for (String text : List.of("twilio_phone=\"•••••••0134\"", "time=17644155550134000", "id=a482913b-1", "node_482913",
                "1482913", "4829130", "VE482913ab")) {
            assertThat(SecretScan.findings(List.of(new Source("line", text)), SECRETS)).as(text).isEmpty();
        }
    }
}

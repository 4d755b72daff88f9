package io.github.kctwilio.otp.it.adversarial;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kctwilio.otp.testsupport.LoginBrowser.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The echo and injection checks of the adversarial suite fail on a page that reflects input unescaped. */
class StepProbeTest {

    private static final String PAYLOAD = "\"><img src=x onerror=alert(1)>";

    @Test
    void unescapedEchoFails() {
        Page page = page("<input value=\"" + PAYLOAD + "\">");
        assertThatThrownBy(() -> StepProbe.assertNoEcho(page, List.of(PAYLOAD), "test")).isInstanceOf(AssertionError.class);
    }

    @Test
    void escapedEchoPasses() {
        Page page = page("<input value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">");
        assertThatCode(() -> StepProbe.assertNoEcho(page, List.of(PAYLOAD), "test")).doesNotThrowAnyException();
    }

    @Test
    void evaluatedTemplateExpressionOrCommandOutputFails() {
        assertThatThrownBy(() -> StepProbe.assertNoEcho(page("<p>54439</p>"), List.of("${7777*7}"), "t")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> StepProbe.assertNoEcho(page("<p>uid=0(root)</p>"), List.of("x"), "t")).isInstanceOf(AssertionError.class);
    }

    @Test
    void injectedScriptFailsEvenWhenTheInputWasEncodedDifferently() {
        assertThatThrownBy(() -> StepProbe.assertNoEcho(page("<script>alert(1)</script>"), List.of("%3Cscript%3E"), "t"))
                .isInstanceOf(AssertionError.class);
    }

    private static Page page(String body) {
        return new Page(200, "<html><body>" + body + "</body></html>", null, "http://localhost/x");
    }
}

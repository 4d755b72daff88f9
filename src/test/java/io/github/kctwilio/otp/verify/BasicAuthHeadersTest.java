package io.github.kctwilio.otp.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Basic header is encoded once per credential set, and a rotated token gets its own header. */
class BasicAuthHeadersTest {

    @Test
    void sameCredentialsGiveTheSameHeaderObjectAndANewTokenANewHeader() {
        BasicAuthHeaders headers = new BasicAuthHeaders();

        String first = headers.of("ACabc", "token-1");

        assertThat(first).isEqualTo("Basic QUNhYmM6dG9rZW4tMQ==");
        assertThat(headers.of("ACabc", "token-1")).isSameAs(first);
        assertThat(headers.of("ACabc", "token-2")).isEqualTo("Basic QUNhYmM6dG9rZW4tMg==");
    }

    @Test
    void tableStartsOverWhenFullInsteadOfGrowing() {
        BasicAuthHeaders headers = new BasicAuthHeaders();
        for (int i = 0; i <= BasicAuthHeaders.MAX_ENTRIES; i++) {
            headers.of("AC" + i, "token");
        }
        assertThat(headers.size()).isLessThanOrEqualTo(BasicAuthHeaders.MAX_ENTRIES);
    }
}

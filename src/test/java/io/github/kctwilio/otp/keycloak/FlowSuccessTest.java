package io.github.kctwilio.otp.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlowContext;

/** Which success call reaches Keycloak; the version matrix proves the same against real 26.2 and 26.7 servers. */
class FlowSuccessTest {

    private final AuthenticationFlowContext context = mock(AuthenticationFlowContext.class);

    @Test
    void withTheSpiOfKeycloak263AndNewerTheCredentialTypeIsRecorded() {
        new FlowSuccess(AuthenticationFlowContext.class).succeedOn(context, "otp");

        verify(context).success("otp");
        verify(context, never()).success();
        assertThat(FlowSuccess.recordsCredentialType()).as("the SPI this project compiles against (26.7)").isTrue();
    }

    @Test
    void withTheSpiOfKeycloak262PlainSuccessIsCalled() {
        new FlowSuccess(Keycloak262Context.class).succeedOn(context, "otp");

        verify(context).success();
        verify(context, never()).success(anyString());
    }

    /** The shape of Keycloak 26.2's flow context: success() only. */
    interface Keycloak262Context {
        void success();
    }
}

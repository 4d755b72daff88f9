package io.github.kctwilio.otp.keycloak.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.emulator.RequestKind;
import io.github.kctwilio.otp.keycloak.page.CodeFormView;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.phone.PhoneFactor;
import io.github.kctwilio.otp.verify.DecoyVerifyGateway;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.AbstractUsernameFormAuthenticator;
import org.keycloak.authentication.authenticators.resetcred.ResetCredentialEmail;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;

/**
 * The step in "forgot password", decided without a Keycloak server. Whoever typed whatever name on "Choose user" meets
 * the same code form with no message and no number; only an account with a phone credential gets a code, every other
 * visitor a decoy that sends nothing and approves nothing.
 */
class ResetCodeStepTest {

    private static final String NUMBER = "+14155550199";
    private static final String RESET_FLOW = "reset-flow-id";
    private static final int OUR_PRIORITY = 20;
    private static final PhoneFactor WITH_PHONE = new PhoneFactor(PhoneFactor.Kind.CREDENTIALS, List.of(NUMBER), Optional.empty());
    private static final PhoneFactor WITHOUT_PHONE = new PhoneFactor(PhoneFactor.Kind.NONE, List.of(), Optional.empty());

    private final ExchangeFixture fixture = new ExchangeFixture();
    private final List<AuthenticationExecutionModel> executions = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    @Test
    void anAccountWithAPhoneGetsARealCodeOnAFormThatShowsNeitherNumberNorAccount() {
        Outcome outcome = start(WITH_PHONE, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).isNull();
        assertThat(fixture.twilio().requests()).singleElement().satisfies(request -> {
            assertThat(request.kind()).isEqualTo(RequestKind.CREATE_VERIFICATION);
            assertThat(request.param("To")).isEqualTo(NUMBER);
        });
        assertThat(fixture.state().decoy()).isFalse();
        CodeFormView view = CodeFormViews.of(fixture.request());
        assertThat(view.maskedTarget()).isEmpty();
        assertThat(view.anonymous()).isTrue();
    }

    /** Who typed their name on "Choose user". */
    enum Visitor { NO_ACCOUNT, WITHOUT_PHONE, WITH_PHONE }

    @ParameterizedTest(name = "{0}, locked {1}, reset without phone: {2}")
    @CsvSource({
            "NO_ACCOUNT,    false, refuse, user_not_found",
            "WITHOUT_PHONE, false, refuse, twilio_no_verified_phone",
            "WITH_PHONE,    true,  refuse, twilio_no_verified_phone",
            "WITHOUT_PHONE, true,  skip,   twilio_no_verified_phone",
    })
    void everyOtherVisitorGetsTheSameCodeFormFromADecoyWithoutATwilioRequest(Visitor visitor, boolean locked,
                                                                             String resetWithoutPhone, String eventError) {
        fixture.set(Setting.RESET_WITHOUT_PHONE.key(), resetWithoutPhone);
        laterStep(ResetCredentialEmail.PROVIDER_ID, OUR_PRIORITY + 10, Requirement.REQUIRED);
        if (visitor == Visitor.NO_ACCOUNT) {
            fixture.withoutAccount();
        }

        Outcome outcome = start(switch (visitor) {
            case NO_ACCOUNT -> null;
            case WITHOUT_PHONE -> WITHOUT_PHONE;
            case WITH_PHONE -> WITH_PHONE;
        }, locked);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).isNull();
        assertThat(fixture.twilio().requests()).isEmpty();
        OtpAuthState state = fixture.state();
        assertThat(state.decoy()).isTrue();
        assertThat(state.verificationSid()).contains(DecoyVerifyGateway.SID);
        assertThat(state.sendCount()).as("counted like a real send").isEqualTo(1);
        CodeFormView view = CodeFormViews.of(fixture.request());
        assertThat(view.maskedTarget()).isEmpty();
        assertThat(view.anonymous()).isTrue();
        verify(fixture.event()).error(eventError);
        verify(fixture.event(), never()).detail(eq(OtpEvents.DETAIL_PHONE), anyString());
    }

    @ParameterizedTest(name = "Twilio {1} ({0})")
    @CsvSource({
            "landline,          403, 60205",
            "invalid number,    400, 60200",
            "Fraud Guard,       403, 60410",
            "too many sends,    429, 60203",
    })
    void aResetWhoseNumberTwilioRefusesShowsTheDecoysPageAndIsADecoyFromThenOn(String why, int status, int twilioCode) {
        fixture.twilio().failNext(status, twilioCode);

        Outcome outcome = start(WITH_PHONE, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(outcome.message()).as("saying why would tell the account has a phone").isNull();
        OtpAuthState state = fixture.state();
        assertThat(state.decoy()).isTrue();
        assertThat(state.verificationSid()).contains(DecoyVerifyGateway.SID);
        assertThat(state.sendCount()).as("counted like the decoy's send").isEqualTo(1);
        assertThat(fixture.twilioRequests(RequestKind.CREATE_VERIFICATION)).isEqualTo(1);
    }

    @Test
    void theDecoyNeverApprovesAndRefusesTheSixthCodeAsTwilioWouldWithoutAnyTwilioRequest() {
        fixture.withoutAccount();
        start(null, false);

        for (String code : List.of("123456", "000000", "999999", "424242", "654321")) {
            assertThat(fixture.check().submit(fixture.request(), code).kind()).as(code).isEqualTo(Outcome.Kind.WRONG_CODE);
        }
        Outcome sixth = fixture.check().submit(fixture.request(), "111111");

        assertThat(sixth.kind()).isEqualTo(Outcome.Kind.CODE_FORM);
        assertThat(sixth.messageKey()).isEqualTo(OtpMessages.TOO_MANY_ATTEMPTS);
        assertThat(fixture.twilio().requests()).isEmpty();
        verify(fixture.event(), times(5)).error(Errors.INVALID_USER_CREDENTIALS);
    }

    @Test
    void skipHandsAnAccountWithoutAPhoneToTheNextStepsWithoutASend() {
        fixture.set(Setting.RESET_WITHOUT_PHONE.key(), "skip");
        laterStep(ResetCredentialEmail.PROVIDER_ID, OUR_PRIORITY + 10, Requirement.REQUIRED);

        Outcome outcome = start(WITHOUT_PHONE, false);

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.PROCEED);
        assertThat(fixture.twilio().requests()).isEmpty();
        assertThat(fixture.state().targetHidden()).as("nothing of this step is left in the sign-in").isFalse();
        assertThat(fixture.state().sendCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "no step after it,                                    ,   ",
            "Send Reset Email before it,                          10, REQUIRED",
            "Send Reset Email after it but only as alternative,   30, ALTERNATIVE",
            "Send Reset Email after it but disabled,              30, DISABLED",
    })
    void skipWithoutALaterStepThatProvesIdentityIsAnErrorPageForEveryVisitor(String flow, Integer emailPriority,
                                                                              Requirement emailRequirement) {
        fixture.set(Setting.RESET_WITHOUT_PHONE.key(), "skip");
        if (emailPriority != null) {
            laterStep(ResetCredentialEmail.PROVIDER_ID, emailPriority, emailRequirement);
        }

        Outcome outcome = start(WITH_PHONE, false); // decided from the flow alone: even an account with a phone

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.ERROR_PAGE);
        assertThat(outcome.messageKey()).isEqualTo(OtpMessages.NOT_CONFIGURED);
        assertThat(outcome.status()).isEqualTo(Response.Status.SERVICE_UNAVAILABLE);
        assertThat(fixture.twilio().requests()).isEmpty();
        verify(fixture.event()).error(Errors.INVALID_CONFIG);
    }

    /** The step's first request in a reset flow, after "Choose user" took {@code alice}. */
    private Outcome start(PhoneFactor phone, boolean locked) {
        fixture.authSession().setAuthNote(AbstractUsernameFormAuthenticator.ATTEMPTED_USERNAME, "alice");
        fixture.authSession().setAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH, ResetCodeStep.RESET_CREDENTIALS_PATH);
        return ResetCodeStep.start(resetFlow(), fixture.request(), phone, locked, fixture.delivery());
    }

    private AuthenticationFlowContext resetFlow() {
        AuthenticationExecutionModel ours = execution("twilio-otp", OUR_PRIORITY, Requirement.REQUIRED);
        when(fixture.realm().getAuthenticationExecutionsStream(RESET_FLOW))
                .thenAnswer(call -> Stream.concat(Stream.of(ours), executions.stream()));
        AuthenticationFlowContext flow = mock(AuthenticationFlowContext.class);
        when(flow.getRealm()).thenReturn(fixture.realm());
        when(flow.getEvent()).thenReturn(fixture.event());
        when(flow.getAuthenticationSession()).thenReturn(fixture.authSession());
        when(flow.getExecution()).thenReturn(ours);
        when(flow.getFlowPath()).thenReturn(ResetCodeStep.RESET_CREDENTIALS_PATH);
        return flow;
    }

    private void laterStep(String authenticator, int priority, Requirement requirement) {
        executions.add(execution(authenticator, priority, requirement));
    }

    private static AuthenticationExecutionModel execution(String authenticator, int priority, Requirement requirement) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(RESET_FLOW);
        execution.setAuthenticator(authenticator);
        execution.setPriority(priority);
        execution.setRequirement(requirement);
        return execution;
    }
}

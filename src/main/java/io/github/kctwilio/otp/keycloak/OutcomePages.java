package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.keycloak.exchange.CodeFormViews;
import io.github.kctwilio.otp.keycloak.exchange.OtpRequest;
import io.github.kctwilio.otp.keycloak.exchange.Outcome;
import io.github.kctwilio.otp.keycloak.page.OtpPages;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;

/** The page of an outcome, the same for the login step and the required action. */
final class OutcomePages {

    private OutcomePages() {
    }

    /** @param request null only for an error page (such as when the settings could not be read) */
    static Response draw(LoginFormsProvider form, OtpRequest request, Outcome outcome) {
        return switch (outcome.kind()) {
            case CODE_FORM, WRONG_CODE -> OtpPages.codeForm(form, CodeFormViews.of(request), outcome.message());
            case PHONE_FORM -> OtpPages.phoneForm(form, outcome.typed(), outcome.message());
            case ERROR_PAGE -> OtpPages.errorPage(form, outcome.messageKey(), outcome.status());
            case APPROVED, PROCEED -> throw new IllegalArgumentException(outcome.kind() + " is not a page");
        };
    }
}

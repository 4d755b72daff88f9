package io.github.kctwilio.otp.keycloak.page;

import io.github.kctwilio.otp.phone.PhoneNumbers;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.forms.login.LoginFormsProvider;

/**
 * Draws the pages of the step and the action from what was decided. One form per response: each call takes a fresh
 * form, whose action URL Keycloak makes anew.
 */
public final class OtpPages {

    private OtpPages() {
    }

    /**
     * The phone-number form.
     *
     * @param typed   what the user typed last time, shown again (escaped by the template); may be null
     * @param message an error for the phone field or the page; null for none
     */
    public static Response phoneForm(LoginFormsProvider form, String typed, PageMessage message) {
        if (message != null) {
            message.applyTo(form);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("phoneInput", typed == null || typed.length() > PhoneNumbers.MAX_INPUT_LENGTH ? "" : typed);
        return form.setAttribute(OtpFormFields.MODEL, model).createForm(OtpFormFields.PHONE_TEMPLATE);
    }

    /** @param message an error for the code field or the page, or an info line; null for none */
    public static Response codeForm(LoginFormsProvider form, CodeFormView view, PageMessage message) {
        if (view.anonymous()) {
            // Keycloak's page header shows the account's username once a user is set, and nothing for an unknown
            // name: in a reset, that alone would tell them apart. Without the flow context it shows neither.
            form.setAuthContext(null);
        }
        if (message != null) {
            message.applyTo(form);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("maskedTarget", view.maskedTarget());
        model.put("channel", view.channel());
        model.put("codeAccepted", view.codeAccepted());
        model.put("enrolling", view.enrolling());
        model.put("resendWaitSeconds", view.resendWaitSeconds());
        model.put("maskedBackup", view.maskedBackup());
        model.put("alternatives", view.alternatives());
        model.put("resendOffered", view.resendOffered());
        model.put("webOtp", view.webOtp());
        return form.setAttribute(OtpFormFields.MODEL, model).createForm(OtpFormFields.CODE_TEMPLATE);
    }

    /** A page with only a message, for problems the user cannot fix on a form. */
    public static Response errorPage(LoginFormsProvider form, String key, Response.Status status) {
        return form.setError(key).createErrorPage(status);
    }
}

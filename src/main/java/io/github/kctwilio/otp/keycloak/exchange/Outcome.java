package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.verify.Channel;
import jakarta.ws.rs.core.Response;

/**
 * How one request of the step or the action ends, decided by the exchange before anything is drawn: the entry point
 * that received the request turns it into a Keycloak response, in one place.
 *
 * @param kind     what to show or do
 * @param message  the message on the form; null for none
 * @param typed    for {@link Kind#PHONE_FORM}: what the user typed, shown again; may be null
 * @param status   for {@link Kind#ERROR_PAGE}: the HTTP status
 * @param approval for {@link Kind#APPROVED}: what Twilio approved
 */
public record Outcome(Kind kind, PageMessage message, String typed, Response.Status status, Approval approval) {

    public enum Kind {
        /** The code form for this sign-in's verification. */
        CODE_FORM,
        /** The code form after a code Twilio did not accept: the login step counts it for brute-force protection. */
        WRONG_CODE,
        /** The phone-number form. */
        PHONE_FORM,
        /** A page with only a message, for a problem the user cannot fix on a form. */
        ERROR_PAGE,
        /** Twilio approved the code: the step or the action finishes in its own way. */
        APPROVED,
        /** Nothing to ask here: the flow goes on to its next steps. */
        PROCEED
    }

    /**
     * A code Twilio approved.
     *
     * @param number    the number the code went to (or, for the email channel, the number this sign-in is about)
     * @param channel   how the code was delivered
     * @param enrolling true when the number is not yet one of the user's phone credentials
     */
    public record Approval(String number, Channel channel, boolean enrolling) {

        /** A code by email proves the mailbox, not the phone. */
        public boolean provesPhone() {
            return channel != Channel.EMAIL;
        }
    }

    public static Outcome codeForm(PageMessage message) {
        return new Outcome(Kind.CODE_FORM, message, null, null, null);
    }

    public static Outcome wrongCode() {
        return new Outcome(Kind.WRONG_CODE, PageMessage.fieldError(OtpFormFields.CODE, OtpMessages.WRONG_CODE), null, null, null);
    }

    public static Outcome phoneForm(String typed, PageMessage message) {
        return new Outcome(Kind.PHONE_FORM, message, typed, null, null);
    }

    public static Outcome errorPage(String key, Response.Status status) {
        return new Outcome(Kind.ERROR_PAGE, PageMessage.error(key), null, status, null);
    }

    public static Outcome approved(Approval approval) {
        return new Outcome(Kind.APPROVED, null, null, null, approval);
    }

    public static Outcome proceed() {
        return new Outcome(Kind.PROCEED, null, null, null, null);
    }

    /** The message key of a page or form message; null for none. For tests and logs. */
    public String messageKey() {
        return message == null ? null : message.key();
    }
}

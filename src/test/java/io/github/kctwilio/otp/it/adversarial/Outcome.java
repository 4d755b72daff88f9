package io.github.kctwilio.otp.it.adversarial;

/** What one adversarial request led to, as the browser and the Twilio emulator saw it. */
public enum Outcome {
    REJECTED_ON_FORM("rejected on the form, no Twilio call"),
    FORM_AGAIN("same form again (Keycloak: 'Action expired' or nothing), no Twilio call"),
    SENT_TO_TWILIO("accepted (normalised), code sent by Twilio"),
    RESENT_BY_TWILIO("resend: code re-sent by Twilio"),
    REFUSED_BY_SEND_CAP("resend refused by our send cap, no Twilio call"),
    CHECKED_AT_TWILIO("well-formed wrong code, checked at Twilio, counted as a failure"),
    LOGGED_IN("valid code (normalised), logged in"),
    PAGE_EXPIRED("Keycloak 'Page has expired', no Twilio call"),
    LOGIN_FORM("Keycloak restarted at its login form, no Twilio call"),
    KEYCLOAK_MESSAGE("Keycloak message/error page, no Twilio call"),
    REDIRECTED_WITH_ERROR("sent back to the app with an error, no Twilio call"),
    HTTP_4XX("HTTP 4xx from Keycloak, no Twilio call"),
    KEYCLOAK_FORM_PARSER_500("HTTP 500 from Keycloak's form parser, before any step runs"),
    SERVER_ERROR("HTTP 5xx (any other)");

    private final String description;

    Outcome(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

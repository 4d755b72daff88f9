package io.github.kctwilio.otp.keycloak.page;

import java.util.List;

/**
 * What the code form shows, decided before it is drawn.
 *
 * @param maskedTarget      where the code went, masked; empty where the page must not say (a password reset)
 * @param channel           wire name of the channel the code went by
 * @param codeAccepted      whether Twilio still holds a code for this sign-in (else the form offers a new one only)
 * @param enrolling         the number is being added: the form offers "use another number"
 * @param resendWaitSeconds seconds until a new code may be asked for; 0 when it may be now
 * @param maskedBackup      the user's other number, masked, for "send to my other number"; empty for none
 * @param alternatives      wire names of the channels the user may switch to
 * @param anonymous         the page header must not show the account (a reset: an unknown name shows none)
 * @param resendOffered     whether "send a new code" is offered (not for a number Twilio's risk checks refused)
 * @param webOtp            whether the form asks the browser for the code in the SMS (WebOTP): a template that can
 *                          bind the code to this host is set, and the code went by SMS
 */
public record CodeFormView(String maskedTarget, String channel, boolean codeAccepted, boolean enrolling,
                           long resendWaitSeconds, String maskedBackup, List<String> alternatives, boolean anonymous,
                           boolean resendOffered, boolean webOtp) {
}

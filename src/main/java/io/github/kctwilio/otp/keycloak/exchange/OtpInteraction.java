package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.config.SendChoices;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.store.DisabledChannels;
import io.github.kctwilio.otp.verify.Channel;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What sending and checking a code needs from Keycloak, the same for the login step and the required action (whose
 * contexts share no interface). Accessors are named as on those contexts.
 *
 * @param getUser    the user; null only in a reset-credentials flow that matched no account
 * @param notePrefix prefix of this interaction's authentication-session notes: the step and the action keep apart
 */
public record OtpInteraction(KeycloakSession getSession, RealmModel getRealm, UserModel getUser,
                             AuthenticationSessionModel getAuthenticationSession, ClientConnection getConnection,
                             EventBuilder getEvent, String notePrefix) {

    /** The login step. */
    public static OtpInteraction of(AuthenticationFlowContext flow) {
        return new OtpInteraction(flow.getSession(), flow.getRealm(), flow.getUser(), flow.getAuthenticationSession(),
                flow.getConnection(), flow.getEvent(), "twilio-otp.");
    }

    /** The required action "Verify phone number". */
    public static OtpInteraction of(RequiredActionContext action) {
        return new OtpInteraction(action.getSession(), action.getRealm(), action.getUser(), action.getAuthenticationSession(),
                action.getConnection(), action.getEvent(), "twilio-verify-phone.");
    }

    /** The event of this request, with the user, the channel and the masked number (null for none). */
    public EventBuilder event(Channel channel, String number) {
        return OtpEvents.event(getEvent, getUser, channel, number);
    }

    /** The channels this user may use now under the step's settings, and the resend rules. */
    public SendChoices choices(TwilioOtpConfig config) {
        return new SendChoices(config.channels(),
                new DisabledChannels(getSession).of(config.credentials().serviceSid(), config.channels()),
                getUser != null && getUser.getEmail() != null);
    }
}

package io.github.kctwilio.otp.keycloak.page;

import io.github.kctwilio.otp.metrics.TwilioOtpMetrics;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.VerifyException;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Details on the flow's LOGIN / LOGIN_ERROR events, and the admin log lines. Only masked numbers
 * ({@code •••••••0134}) reach either: never a full number, a code or a secret.
 */
public final class OtpEvents {

    public static final String DETAIL_CHANNEL = "twilio_channel";
    public static final String DETAIL_PHONE = "twilio_phone";
    public static final String DETAIL_LIMIT = "twilio_limit";
    public static final String DETAIL_TWILIO_CODE = "twilio_error_code";
    /** "Remember this device": {@code used} (a remembered device passed the step), {@code issued} (a cookie was set). */
    public static final String DETAIL_REMEMBERED_DEVICE = "twilio_remembered_device";
    /** Why Twilio Lookup stopped a code: line_type, sms_pumping_risk, sim_swap, invalid_number or lookup_failed. */
    public static final String DETAIL_LOOKUP_REASON = "twilio_lookup_reason";
    /** What Lookup said, such as {@code lineType=nonFixedVoip}; never the number. */
    public static final String DETAIL_LOOKUP = "twilio_lookup";

    /**
     * Event errors of the step's own decisions. Twilio's failures map to theirs in {@link SendFailures#eventError};
     * Keycloak's own ({@code Errors}) are used where one fits.
     */
    public static final String NO_PHONE_NUMBER = "twilio_no_phone_number";
    public static final String PHONE_UNUSABLE = "twilio_phone_unusable";
    public static final String NO_VERIFIED_PHONE = "twilio_no_verified_phone";
    public static final String COUNTRY_NOT_ALLOWED = "twilio_country_not_allowed";
    public static final String SEND_LIMIT = "twilio_send_limit";
    /** "One account per phone number": the number just proved is another account's. */
    public static final String NUMBER_TAKEN = "twilio_number_taken";
    /** Phone sign-in with a number several accounts hold: nobody's sign-in (the decoy answers). */
    public static final String NUMBER_SHARED = "twilio_number_shared";
    /** Twilio Lookup stopped a code: the number's line type, its SMS pumping risk, or Lookup could not answer. */
    public static final String LOOKUP_REFUSED = "twilio_lookup_refused";
    /** Twilio Lookup says the SIM behind the number changed within the realm's period: no reset or step-up code. */
    public static final String SIM_SWAP_RECENT = "twilio_sim_swap";

    private static final Logger LOG = Logger.getLogger(OtpEvents.class);

    private OtpEvents() {
    }

    /**
     * The event of this request, with the user, the channel and the masked number.
     *
     * @param user    null for none (a reset that matched no account)
     * @param channel null for none
     * @param number  E.164; null for none
     */
    public static EventBuilder event(EventBuilder event, UserModel user, Channel channel, String number) {
        if (user != null) {
            event.user(user);
        }
        if (channel != null) {
            event.detail(DETAIL_CHANNEL, channel.wireName());
        }
        if (number != null) {
            event.detail(DETAIL_PHONE, PhoneNumbers.mask(number));
        }
        return event;
    }

    /**
     * An event error for a failed Twilio call, and (when {@code log}) one admin log line.
     *
     * @param event  the request's event, with user, channel and masked number already on it
     * @param log    false for failures already reported, such as a channel known to be disabled
     */
    public static void twilioFailed(EventBuilder event, RealmModel realm, String operation, VerifyException e, Channel channel,
                                    boolean log) {
        String line = String.format("Twilio OTP %s by %s failed in realm %s: %s", operation,
                channel == null ? "?" : channel.wireName(), realm.getName(), e.describe());
        if (!log) {
            LOG.debug(line);
        } else if (e.failure().needsAdminAttention()) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        if (e.twilioCode() != null) {
            event.detail(DETAIL_TWILIO_CODE, e.twilioCode().toString());
        }
        event.error(SendFailures.eventError(e.failure()));
    }

    /**
     * A log line, an event error and a metric count for a send our own caps refused.
     *
     * @param event the request's event, with user, channel and masked number already on it
     * @param user  null for none
     */
    public static void limitHit(EventBuilder event, RealmModel realm, UserModel user, String limit) {
        String line = "Twilio OTP send refused by the per-%s limit in realm %s (user %s)";
        String userId = user == null ? "unknown" : user.getId();
        if ("realm".equals(limit)) {
            // Under a pumping wave this is every request: the admin gets one WARN per window instead (SendAdmission).
            LOG.debugf(line, limit, realm.getName(), userId);
        } else {
            LOG.infof(line, limit, realm.getName(), userId);
        }
        String name = limit.toLowerCase(Locale.ROOT);
        event.detail(DETAIL_LIMIT, name).error(SEND_LIMIT);
        TwilioOtpMetrics.limitHit(name);
    }
}

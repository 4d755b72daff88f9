package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.metrics.TwilioOtpMetrics;
import io.github.kctwilio.otp.phone.PhoneNumbers;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.VerifyException;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;

/**
 * Details on the flow's LOGIN / LOGIN_ERROR events, and the admin log lines. Only masked numbers
 * ({@code •••••••0134}) reach either: never a full number, a code or a secret.
 */
final class OtpEvents {

    static final String DETAIL_CHANNEL = "twilio_channel";
    static final String DETAIL_PHONE = "twilio_phone";
    static final String DETAIL_LIMIT = "twilio_limit";
    static final String DETAIL_TWILIO_CODE = "twilio_error_code";

    /** Event errors of the step's own decisions (Twilio's failures map to theirs in {@link SendFailures}). */
    static final String NO_PHONE_NUMBER = "twilio_no_phone_number";
    static final String PHONE_UNUSABLE = "twilio_phone_unusable";
    static final String NO_VERIFIED_PHONE = "twilio_no_verified_phone";
    /** A number from outside the realm's allowed countries, refused before any Twilio request. */
    static final String COUNTRY_NOT_ALLOWED = "twilio_country_not_allowed";

    private static final Logger LOG = Logger.getLogger(OtpEvents.class);

    private OtpEvents() {
    }

    /** The event of this request, with the user, the channel and the masked number. */
    static EventBuilder event(OtpInteraction context, Channel channel, String number) {
        EventBuilder event = context.getEvent();
        if (context.getUser() != null) {
            event.user(context.getUser());
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
     * @param log false for failures already reported, such as a channel known to be disabled
     */
    static void twilioFailed(OtpInteraction context, String operation, VerifyException e, Channel channel, String number,
                             boolean log) {
        String line = String.format("Twilio OTP %s by %s failed in realm %s: %s", operation,
                channel == null ? "?" : channel.wireName(), context.getRealm().getName(), e.describe());
        if (!log) {
            LOG.debug(line);
        } else if (e.failure().needsAdminAttention()) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        EventBuilder event = event(context, channel, number);
        if (e.twilioCode() != null) {
            event.detail(DETAIL_TWILIO_CODE, e.twilioCode().toString());
        }
        event.error(SendFailures.eventError(e.failure()));
    }

    /** A log line, an event error and a metric count for a send our own caps refused. */
    static void limitHit(OtpInteraction context, String limit, Channel channel, String number) {
        String line = "Twilio OTP send refused by the per-%s limit in realm %s (user %s)";
        String user = context.getUser() == null ? "unknown" : context.getUser().getId();
        if ("realm".equals(limit)) {
            // Under a pumping wave this is every request: the admin gets one WARN per window instead (SendAdmission).
            LOG.debugf(line, limit, context.getRealm().getName(), user);
        } else {
            LOG.infof(line, limit, context.getRealm().getName(), user);
        }
        String name = limit.toLowerCase(Locale.ROOT);
        event(context, channel, number).detail(DETAIL_LIMIT, name).error("twilio_send_limit");
        TwilioOtpMetrics.limitHit(name);
    }
}

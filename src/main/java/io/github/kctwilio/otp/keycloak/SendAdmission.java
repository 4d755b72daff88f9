package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.PhoneSettings;
import io.github.kctwilio.otp.config.RealmSendLimit;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.keycloak.OtpForms.PageMessage;
import io.github.kctwilio.otp.limits.LimitHit;
import io.github.kctwilio.otp.limits.LimitScope;
import io.github.kctwilio.otp.limits.SendLimiter;
import io.github.kctwilio.otp.limits.SendRequest;
import io.github.kctwilio.otp.limits.SubjectHash;
import io.github.kctwilio.otp.metrics.TwilioOtpMetrics;
import io.github.kctwilio.otp.verify.Channel;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.keycloak.events.Errors;

/**
 * Our caps before any send, real or decoy: the sign-in's own count, then the cluster-wide caps of
 * {@link SendLimiter}. A refused send costs no Twilio request; it gets an event, a metric and the message for the
 * form. One instance per server (it holds the limiter's per-node hints).
 */
final class SendAdmission {

    private static final Logger LOG = Logger.getLogger(SendAdmission.class);

    private final SendLimiter limiter = new SendLimiter();
    private final RealmLimiterKeys keys = new RealmLimiterKeys();
    private final Counter cacheOperations = TwilioOtpMetrics.limiterCacheOperations();

    /** What the caps decided: a permit to send (when {@code refusal} is null), or the message for the form. */
    record Decision(SendLimiter.Permit permit, PageMessage refusal) {
    }

    /**
     * @param channel the channel asked for; null for the reset decoy
     * @param number  the number, for the event (masked); null for the reset decoy
     */
    Decision admit(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, SendRequest request, Channel channel,
                   String number, Instant now) {
        int perLogin = config.sendLimits().perLogin();
        if (perLogin > 0 && state.sendCount() >= perLogin) {
            OtpEvents.limitHit(context, "login", channel, number);
            return new Decision(null, PageMessage.error(OtpMessages.LOGIN_SEND_CAP));
        }
        LimitScope scope;
        try {
            SubjectHash hash = keys.of(context.getSession(), context.getRealm());
            scope = new LimitScope(context.getRealm().getId(), hash, RealmSendLimit.resolve(UserPhone.actionConfig(context.getRealm())));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, required action %s)", e.getMessage(), context.getRealm().getName(),
                    VerifyPhoneRequiredActionFactory.PROVIDER_ID);
            return notConfigured(context);
        } catch (IllegalStateException e) {
            LOG.errorf("Twilio OTP in realm %s cannot count sends: the realm has no active HMAC key (HS512) to key them "
                    + "with; add one under Realm settings, Keys, Providers (hmac-generated)", context.getRealm().getName());
            return notConfigured(context);
        }
        SendLimiter.Permit permit = limiter.tryAcquire(new SingleUseObjectSlots(context.getSession(), cacheOperations), scope,
                config.sendLimits(), request, now);
        if (permit.refusal().isEmpty()) {
            return new Decision(permit, null);
        }
        LimitHit hit = permit.refusal().get();
        OtpEvents.limitHit(context, hit.limit(), channel, number);
        if ("realm".equals(hit.limit())) {
            if (hit.firstOfWindow()) {
                LOG.warnf("Twilio OTP: realm %s reached its realm-wide send limit (%s): new numbers, signups and password "
                        + "resets get no code for %d minutes. Signs of SMS pumping; raise '%s' (required action %s) if the "
                        + "traffic is real. Further refusals in this window are not logged.", context.getRealm().getName(),
                        scope.realmLimit(), minutes(hit), PhoneSettings.REALM_SEND_LIMIT,
                        VerifyPhoneRequiredActionFactory.PROVIDER_ID);
            }
            return new Decision(null, PageMessage.error(OtpMessages.REALM_SEND_LIMIT));
        }
        return new Decision(null, PageMessage.error(OtpMessages.SEND_LIMIT, minutes(hit)));
    }

    private static Decision notConfigured(OtpInteraction context) {
        context.getEvent().error(Errors.INVALID_CONFIG);
        return new Decision(null, PageMessage.error(OtpMessages.NOT_CONFIGURED));
    }

    private static long minutes(LimitHit hit) {
        return Math.max(1, (hit.retryIn().toSeconds() + 59) / 60);
    }
}

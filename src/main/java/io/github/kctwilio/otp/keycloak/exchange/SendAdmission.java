package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.store.RealmLimiterKeys;
import io.github.kctwilio.otp.keycloak.store.UserPhones;
import io.github.kctwilio.otp.keycloak.store.SingleUseObjectSlots;
import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.Setting;
import io.github.kctwilio.otp.config.RealmSendLimit;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.limits.LimitHit;
import io.github.kctwilio.otp.limits.LimitScope;
import io.github.kctwilio.otp.limits.SendLimiter;
import io.github.kctwilio.otp.limits.SendRequest;
import io.github.kctwilio.otp.limits.SubjectHash;
import io.github.kctwilio.otp.metrics.TwilioOtpMetrics;
import io.github.kctwilio.otp.verify.Channel;
import io.micrometer.core.instrument.Counter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.events.Errors;

/**
 * Our caps before any send, real or decoy: the sign-in's own count, then the cluster-wide caps of
 * {@link SendLimiter}. A refused send costs no Twilio request; it gets an event, a metric and the message for the
 * form. One instance per server (it holds the limiter's per-node hints).
 */
public final class SendAdmission {

    private static final Logger LOG = Logger.getLogger(SendAdmission.class);
    private static final String STRANGERS_VERIFICATION = "twilio-otp:strangers-verification:";
    private static final String SID = "sid";

    private final SendLimiter limiter = new SendLimiter();
    private final RealmLimiterKeys keys = new RealmLimiterKeys();
    private final Counter cacheOperations = TwilioOtpMetrics.limiterCacheOperations();

    /** What the caps decided: a permit to send (when {@code refusal} is null), or the message for the form. */
    public record Decision(SendLimiter.Permit permit, PageMessage refusal) {
    }

    /**
     * @param channel the channel asked for; null for the reset decoy
     * @param number  the number, for the event (masked); null for the reset decoy
     */
    public Decision admit(OtpInteraction context, TwilioOtpConfig config, OtpAuthState state, SendRequest request, Channel channel,
                   String number, Instant now) {
        int perLogin = config.sendLimits().perLogin();
        if (perLogin > 0 && state.sendCount() >= perLogin) {
            OtpEvents.limitHit(context.event(channel, number), context.getRealm(), context.getUser(), "login");
            return new Decision(null, PageMessage.error(OtpMessages.LOGIN_SEND_CAP));
        }
        LimitScope scope;
        try {
            SubjectHash hash = keys.of(context.getSession(), context.getRealm());
            scope = new LimitScope(context.getRealm().getId(), hash, RealmSendLimit.resolve(UserPhones.actionConfig(context.getRealm())));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, required action %s)", e.getMessage(), context.getRealm().getName(),
                    ProviderIds.VERIFY_PHONE_ACTION);
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
        OtpEvents.limitHit(context.event(channel, number), context.getRealm(), context.getUser(), hit.limit());
        if ("realm".equals(hit.limit())) {
            if (hit.firstOfWindow()) {
                LOG.warnf("Twilio OTP: realm %s reached its realm-wide send limit (%s): new numbers, signups and password "
                        + "resets get no code for %d minutes. Signs of SMS pumping; raise '%s' (required action %s) if the "
                        + "traffic is real. Further refusals in this window are not logged.", context.getRealm().getName(),
                        scope.realmLimit(), minutes(hit), Setting.REALM_SEND_LIMIT.key(),
                        ProviderIds.VERIFY_PHONE_ACTION);
            }
            return new Decision(null, PageMessage.error(OtpMessages.REALM_SEND_LIMIT));
        }
        return new Decision(null, PageMessage.error(OtpMessages.SEND_LIMIT, minutes(hit)));
    }

    /**
     * Remembers, for Twilio's ten minutes, the verification a stranger's send (a reset, a number being set up) started
     * or joined for this target. Twilio keeps one verification per number and allows it 5 sends, whoever asks: see
     * {@link #strangersVerification}.
     */
    public void strangerSent(OtpInteraction context, SendRequest request, String verificationSid) {
        if (request.kind() == SendRequest.Kind.OWNER) {
            return;
        }
        strangersKey(context, request.target()).ifPresent(key -> {
            cacheOperations.increment();
            context.getSession().singleUseObjects().put(key, OtpAuthState.VERIFICATION_LIFETIME.toSeconds(), Map.of(SID, verificationSid));
        });
    }

    /**
     * The verification strangers started for this target in the last ten minutes, if any: when Twilio refuses the
     * owner's own send because that verification has had its 5 sends (60203), the owner's sign-in cancels it and
     * starts a fresh one, so strangers cannot use up the owner's code this way either. Forgotten once read.
     */
    public Optional<String> strangersVerification(OtpInteraction context, String target) {
        return strangersKey(context, target).map(key -> {
            cacheOperations.increment();
            Map<String, String> notes = context.getSession().singleUseObjects().remove(key);
            return notes == null ? null : notes.get(SID);
        });
    }

    private Optional<String> strangersKey(OtpInteraction context, String target) {
        try {
            SubjectHash hash = keys.of(context.getSession(), context.getRealm());
            return Optional.of(STRANGERS_VERIFICATION + hash.of("verification\n" + context.getRealm().getId() + "\n" + target));
        } catch (IllegalStateException e) {
            return Optional.empty(); // no send got this far without a key either
        }
    }

    private static Decision notConfigured(OtpInteraction context) {
        context.getEvent().error(Errors.INVALID_CONFIG);
        return new Decision(null, PageMessage.error(OtpMessages.NOT_CONFIGURED));
    }

    private static long minutes(LimitHit hit) {
        return Math.max(1, (hit.retryIn().toSeconds() + 59) / 60);
    }
}

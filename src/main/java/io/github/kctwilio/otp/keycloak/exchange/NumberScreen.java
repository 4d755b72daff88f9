package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.ProviderIds;
import io.github.kctwilio.otp.config.ConfigException;
import io.github.kctwilio.otp.config.LookupSettings;
import io.github.kctwilio.otp.config.NumberScreening;
import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.config.NumberScreening.Reason;
import io.github.kctwilio.otp.config.NumberScreening.Verdict;
import io.github.kctwilio.otp.keycloak.page.OtpEvents;
import io.github.kctwilio.otp.keycloak.page.OtpFormFields;
import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import io.github.kctwilio.otp.keycloak.page.PageMessage;
import io.github.kctwilio.otp.keycloak.store.RealmLimiterKeys;
import io.github.kctwilio.otp.keycloak.store.UserPhones;
import io.github.kctwilio.otp.lookup.DecoyLookupGateway;
import io.github.kctwilio.otp.lookup.LookupAnswer;
import io.github.kctwilio.otp.lookup.LookupAnswerNotes;
import io.github.kctwilio.otp.lookup.LookupException;
import io.github.kctwilio.otp.lookup.LookupGateway;
import io.github.kctwilio.otp.lookup.LookupGateways;
import io.github.kctwilio.otp.lookup.LookupPackage;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.VerifyTimings;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.models.Constants;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Twilio Lookup before a send ({@link NumberScreening} decides): new numbers at enrolment and signup, and the codes a
 * swapped SIM would want (password reset, step-up); never an ordinary sign-in. An answer is kept per number in
 * Keycloak's cluster-wide single-use-object store, so a number is looked up once per cache time, not per attempt or
 * per account. A refused number gets its message and an event, and no Verify request; a reset that Lookup refuses
 * goes on as a decoy, so its pages tell nothing. Decoys ask the decoy Lookup, which takes as long as the real one.
 */
public final class NumberScreen {

    private static final Logger LOG = Logger.getLogger(NumberScreen.class);
    private static final String CACHE_KEY = "twilio-otp:lookup:";
    /** Authentication-session note: this sign-in registered the account (set by the signup form action). */
    private static final String SIGNUP = "twilio-otp.signup";

    private final LookupGateways gateways;
    private final LookupGateway decoy;
    private final RealmLimiterKeys keys = new RealmLimiterKeys();

    public NumberScreen(LookupGateways gateways, VerifyTimings timings, Clock clock) {
        this.gateways = gateways;
        this.decoy = new DecoyLookupGateway(timings, clock);
    }

    /** The sign-in registered the account it verifies a number for: its sends are a stranger's (signup). */
    public static void markSignup(AuthenticationSessionModel signIn) {
        signIn.setAuthNote(SIGNUP, "true");
    }

    /** Why the required action "Verify phone number" sends: a signup's number, or any other new number. */
    public static Purpose inAction(AuthenticationSessionModel signIn) {
        return signIn.getAuthNote(SIGNUP) != null ? Purpose.SIGNUP : Purpose.ENROLMENT;
    }

    /** Why the login step sends outside a password reset: a new number, a step-up, or an ordinary sign-in. */
    public static Purpose atStep(AuthenticationFlowContext flow, boolean enrolling) {
        if (enrolling) {
            return Purpose.ENROLMENT;
        }
        return stepUp(flow.getAuthenticationSession()) ? Purpose.STEP_UP : Purpose.SIGN_IN;
    }

    /**
     * A client asks ({@code acr_values}, an essential {@code acr} claim) for a level of authentication this sign-in has
     * not reached yet: Keycloak's step-up, whose levels live in these two notes (Keycloak's AcrStore).
     */
    static boolean stepUp(AuthenticationSessionModel signIn) {
        Optional<Integer> requested = level(signIn.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION));
        Optional<Integer> reached = level(signIn.getAuthNote(Constants.LEVEL_OF_AUTHENTICATION));
        return requested.isPresent() && (reached.isEmpty() || requested.get() > reached.get());
    }

    /**
     * Lookup's say on a send that our caps admitted.
     *
     * @param number E.164 number the code is for; for a decoy, what stands in for it
     * @return the page instead of the send; empty when the send goes on (for a refused reset: as a decoy from now on)
     */
    public Optional<Outcome> screen(OtpRequest exchange, String number, Purpose purpose, Channel channel) {
        if (purpose == Purpose.SIGN_IN || channel == Channel.EMAIL) {
            return Optional.empty(); // a code by email proves nothing about the SIM; sign-ins are never looked up
        }
        OtpInteraction context = exchange.context();
        LookupSettings settings;
        try {
            settings = LookupSettings.resolve(UserPhones.actionConfig(context.getRealm()));
        } catch (ConfigException e) {
            LOG.errorf("%s (realm %s, required action %s)", e.getMessage(), context.getRealm().getName(),
                    ProviderIds.VERIFY_PHONE_ACTION);
            context.getEvent().error(Errors.INVALID_CONFIG);
            return Optional.of(Outcome.errorPage(OtpMessages.NOT_CONFIGURED, Response.Status.SERVICE_UNAVAILABLE));
        }
        if (NumberScreening.packagesFor(settings, purpose).isEmpty()) {
            return Optional.empty();
        }
        Instant now = exchange.now();
        boolean voice = exchange.config().channels().contains(Channel.CALL);
        Optional<String> key = cacheKey(context, number);
        Optional<LookupAnswer> cached = key.map(k -> context.getSession().singleUseObjects().get(k)).flatMap(LookupAnswerNotes::fromNotes);
        Set<LookupPackage> toAsk = NumberScreening.toAsk(settings, purpose, cached, now);
        if (toAsk.isEmpty()) {
            Verdict verdict = NumberScreening.screen(settings, purpose, voice, cached.orElseThrow(), now);
            return decide(exchange, number, purpose, channel, verdict, false, false);
        }
        Verdict verdict;
        try {
            LookupAnswer fresh = gateway(exchange).lookup(number, toAsk);
            LookupAnswer answer = cached.map(old -> old.updatedWith(fresh)).orElse(fresh);
            key.ifPresent(k -> context.getSession().singleUseObjects().put(k, settings.cacheLifetime().toSeconds(),
                    LookupAnswerNotes.toNotes(answer)));
            verdict = NumberScreening.screen(settings, purpose, voice, answer, now);
        } catch (LookupException e) {
            LOG.warnf("Twilio OTP: Twilio Lookup failed in realm %s (%s); the code %s: %s", context.getRealm().getName(),
                    word(purpose), settings.onFailure() == LookupSettings.FailurePolicy.ALLOW
                            ? "is sent anyway (lookupFailure allow)" : "is not sent (lookupFailure refuse)", e.describe());
            return decide(exchange, number, purpose, channel, NumberScreening.lookupFailed(settings, e), false, true);
        }
        return decide(exchange, number, purpose, channel, verdict, true, false);
    }

    /**
     * @param fresh  the verdict rests on an answer asked for in this request (a cached one was reported when it came)
     * @param outage the Lookup request failed as a whole (reported already): the page says so, not that the number is bad
     */
    private Optional<Outcome> decide(OtpRequest exchange, String number, Purpose purpose, Channel channel, Verdict verdict,
                                     boolean fresh, boolean outage) {
        OtpInteraction context = exchange.context();
        OtpAuthState state = exchange.state();
        if (state.decoy()) {
            return Optional.empty(); // the decoy's answer refuses nothing; the sign-in gets no code anyway
        }
        if (verdict.send()) {
            if (verdict.reason() == Reason.LOOKUP_FAILED && fresh) {
                LOG.infof("Twilio OTP: Twilio Lookup could not answer in realm %s (%s); the code is sent anyway "
                        + "(lookupFailure allow): %s", context.getRealm().getName(), word(purpose), verdict.detail());
            }
            return Optional.empty();
        }
        if (fresh) {
            LOG.infof("Twilio OTP: no code sent in realm %s (%s): Twilio Lookup says %s", context.getRealm().getName(),
                    word(purpose), verdict.detail());
        }
        context.event(channel, number)
                .detail(OtpEvents.DETAIL_LOOKUP_REASON, word(verdict.reason()))
                .detail(OtpEvents.DETAIL_LOOKUP, verdict.detail())
                .error(verdict.reason() == Reason.SIM_SWAP ? OtpEvents.SIM_SWAP_RECENT : OtpEvents.LOOKUP_REFUSED);
        if (state.targetHidden()) {
            // A reset (or phone sign-in): the page, its timing and its caps stay those of a decoy.
            state.decoyFromNowOn();
            return Optional.empty();
        }
        if (!purpose.newNumber()) {
            return Optional.of(outage ? Outcome.errorPage(OtpMessages.SERVICE_UNAVAILABLE, Response.Status.SERVICE_UNAVAILABLE)
                    : Outcome.errorPage(OtpMessages.SIM_SWAP_BLOCKED, Response.Status.OK));
        }
        PageMessage message = outage ? PageMessage.error(OtpMessages.SERVICE_UNAVAILABLE)
                : PageMessage.fieldError(OtpFormFields.PHONE_NUMBER,
                        verdict.reason() == Reason.LINE_TYPE ? OtpMessages.LINE_TYPE_REFUSED : OtpMessages.CANNOT_SEND);
        return Optional.of(state.verificationSid().isEmpty()
                ? CodeDelivery.askForPhone(state, number, message)
                : Outcome.codeForm(PageMessage.error(message.key())));
    }

    private LookupGateway gateway(OtpRequest exchange) {
        return exchange.state().decoy() ? decoy : gateways.gatewayFor(exchange.config().credentials());
    }

    /** The number's key in the store: keyed by the realm's secret, so the store never shows a number. */
    private Optional<String> cacheKey(OtpInteraction context, String number) {
        try {
            return Optional.of(CACHE_KEY + keys.of(context.getSession(), context.getRealm())
                    .of("lookup\n" + context.getRealm().getId() + "\n" + number));
        } catch (IllegalStateException e) {
            return Optional.empty(); // no HMAC key: the caps refused every send already, before this
        }
    }

    private static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static Optional<Integer> level(String note) {
        try {
            return note == null ? Optional.empty() : Optional.of(Integer.valueOf(note.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

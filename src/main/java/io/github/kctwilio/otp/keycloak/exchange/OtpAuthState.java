package io.github.kctwilio.otp.keycloak.exchange;

import io.github.kctwilio.otp.config.NumberScreening.Purpose;
import io.github.kctwilio.otp.limits.ResendSchedule;
import io.github.kctwilio.otp.verify.Channel;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What this login has done so far, kept in authentication-session notes (clustered with the session, one per
 * browser tab). Holds the verification SID and where it went; never the code, which only Twilio knows.
 */
public final class OtpAuthState {

    /** Twilio keeps a verification, and its code, for 10 minutes. */
    public static final Duration VERIFICATION_LIFETIME = Duration.ofMinutes(10);

    private static final String STAGE = "stage";
    private static final String SID = "sid";
    private static final String PHONE = "phone";
    private static final String TARGET = "target";
    private static final String CHANNEL = "channel";
    private static final String SENT_AT = "sent-at";
    private static final String ENROLLING = "enrolling";
    private static final String ENDED = "ended";
    private static final String NEUTRAL = "neutral";
    private static final String BACKUP = "backup";
    /** A reset for an account that gets no code: every send and check goes to the decoy, none is accepted. */
    private static final String DECOY = "decoy";
    /** When the current verification began (Twilio's ten minutes count from then, resends included). */
    private static final String STARTED_AT = "started-at";
    /** Codes checked against the current verification (Twilio refuses the sixth; the decoy must too). */
    private static final String CHECKS = "checks";
    /** Why this interaction sends codes (a new number, a reset, a step-up), for the resends' Lookup rules. */
    private static final String PURPOSE = "purpose";
    /**
     * Codes of this interaction sent after another (resends, channel switches, the other number): each waits longer
     * than the one before ({@link ResendSchedule}). "Use another number" does not start it over.
     */
    private static final String RESENDS = "resends";
    /** The seed of this interaction's resend jitter, drawn at its first code, so a reload shows the same wait. */
    private static final String JITTER_SEED = "jitter-seed";
    /** A number Twilio's risk checks (Fraud Guard, Geo Permissions) refused in this interaction: no more sends to it. */
    private static final String REFUSED = "refused";
    private static final SecureRandom SEEDS = new SecureRandom();

    /**
     * Codes sent in this sign-in, by the step and the action together. A client note, not an auth note: Keycloak
     * clears auth notes when the user goes back to the login (the flow restarts) but keeps client notes, so neither
     * that nor "Use another number" starts the count over.
     */
    private static final String SENDS_THIS_SIGN_IN = "twilio-otp.sends-this-sign-in";

    /** Note, shared by the step and the action, naming the number a code was approved for in this sign-in. */
    private static final String VERIFIED_IN_THIS_LOGIN = "twilio-otp.verified-in-this-login";
    private static final String NUMBER_TAKEN_IN_THIS_LOGIN = "twilio-otp.number-taken-in-this-login";

    public enum Stage { PHONE_ENTRY, CODE_ENTRY }

    private final AuthenticationSessionModel session;
    private final String prefix;

    public OtpAuthState(AuthenticationSessionModel session, String prefix) {
        this.session = session;
        this.prefix = prefix;
    }

    /** Records that this sign-in proved this number (E.164). */
    public static void verifiedInThisLogin(AuthenticationSessionModel session, String number) {
        session.setAuthNote(VERIFIED_IN_THIS_LOGIN, number);
    }

    /** The number a code was approved for earlier in this sign-in, if any. */
    public static Optional<String> verifiedInThisLogin(AuthenticationSessionModel session) {
        return Optional.ofNullable(session.getAuthNote(VERIFIED_IN_THIS_LOGIN));
    }

    /**
     * Records that the login step refused to make the account's attribute number its phone because another account
     * holds it (realm rule "One account per phone number"): the required action that follows says so.
     */
    public static void numberTakenInThisLogin(AuthenticationSessionModel session) {
        session.setAuthNote(NUMBER_TAKEN_IN_THIS_LOGIN, "true");
    }

    /** Whether {@link #numberTakenInThisLogin} was recorded; forgotten once read, so the message shows once. */
    public static boolean takeNumberTakenInThisLogin(AuthenticationSessionModel session) {
        boolean taken = session.getAuthNote(NUMBER_TAKEN_IN_THIS_LOGIN) != null;
        session.removeAuthNote(NUMBER_TAKEN_IN_THIS_LOGIN);
        return taken;
    }

    /** The state of this interaction (the login step and the required action each keep their own). */
    public static OtpAuthState of(OtpInteraction interaction) {
        return new OtpAuthState(interaction.getAuthenticationSession(), interaction.notePrefix());
    }

    public Stage stage() {
        return "phone".equals(get(STAGE)) ? Stage.PHONE_ENTRY : Stage.CODE_ENTRY;
    }

    public void askForPhone() {
        set(STAGE, "phone");
    }

    /**
     * The number this login verifies and the channel last tried, also when no code went out (say SMS was refused
     * for a landline and the user is to choose the voice call).
     */
    public void numberChosen(String phone, Channel tried, boolean enrolling) {
        set(STAGE, "code");
        set(PHONE, phone);
        set(CHANNEL, tried.wireName());
        set(ENROLLING, Boolean.toString(enrolling));
    }

    /**
     * A code went out: remember where, by which channel, when, and whether the number is new to the account.
     *
     * @param target where the code went: the phone number, or the email address for the email channel
     */
    public void codeSent(String verificationSid, String phone, String target, Channel channel, Instant at, boolean enrolling) {
        boolean sameVerification = verificationSid.equals(get(SID))
                && startedAt().map(started -> at.isBefore(started.plus(VERIFICATION_LIFETIME))).orElse(false);
        if (!sameVerification) {
            set(STARTED_AT, Long.toString(at.toEpochMilli()));
            set(CHECKS, "0");
        }
        if (get(SENT_AT) != null) {
            set(RESENDS, Integer.toString(resends() + 1));
        }
        if (get(JITTER_SEED) == null) {
            set(JITTER_SEED, Long.toString(SEEDS.nextLong()));
        }
        numberChosen(phone, channel, enrolling);
        set(SID, verificationSid);
        set(TARGET, target);
        set(SENT_AT, Long.toString(at.toEpochMilli()));
        remove(ENDED);
    }

    /**
     * From now on this login gets no code: sends and checks go to the decoy (a reset for an account without a phone, or
     * one that got locked mid-reset), and no code is accepted.
     */
    public void decoyFromNowOn() {
        set(DECOY, "true");
        hideTarget();
    }

    public boolean decoy() {
        return get(DECOY) != null;
    }

    /** One more code checked against the current verification. */
    public void codeChecked() {
        set(CHECKS, Integer.toString(checkCount() + 1));
    }

    public int checkCount() {
        String value = get(CHECKS);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** The current verification is past Twilio's ten minutes (counted from its first send, not the last resend). */
    public boolean verificationExpired(Instant now) {
        return startedAt().map(started -> !now.isBefore(started.plus(VERIFICATION_LIFETIME))).orElse(true);
    }

    private Optional<Instant> startedAt() {
        String value = get(STARTED_AT);
        return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
    }

    /** The user's two phone credential numbers, main first: the code form offers the one codes did not go to. */
    public void twoNumbers(String main, String backup) {
        set(BACKUP, main + " " + backup);
    }

    /** "Send the code to my other number": the user's number the last code did not go to; empty with one number. */
    public Optional<String> otherNumber() {
        String both = get(BACKUP);
        if (both == null) {
            return Optional.empty();
        }
        return Arrays.stream(both.split(" ")).filter(n -> phone().filter(n::equals).isEmpty()).findFirst();
    }

    /** Forms of this login must not show where the code went (a reset must not reveal the account's number). */
    public void hideTarget() {
        set(NEUTRAL, "true");
    }

    public boolean targetHidden() {
        return get(NEUTRAL) != null;
    }

    /**
     * Codes go by phone channels only while a number is being proved (a code by email proves nothing about a phone),
     * and in a reset (whose pages are the same whether or not the account exists or has an email address).
     */
    public boolean phoneChannelsOnly() {
        return enrolling() || targetHidden();
    }

    /** Codes sent in this sign-in so far (step and action, every number), for the per-sign-in cap. */
    public int sendCount() {
        String value = session.getClientNote(SENDS_THIS_SIGN_IN);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** One more send in this sign-in: a code that went out, or may have (a timeout), or a decoy. */
    public void countSend() {
        session.setClientNote(SENDS_THIS_SIGN_IN, Integer.toString(sendCount() + 1));
    }

    /**
     * Whole seconds until another code of this interaction may be sent, rounded up: the wait before its next resend,
     * counted from its last code; 0 when it may be now or no code went out yet.
     */
    public long secondsUntilResend(ResendSchedule waits, Instant now) {
        return sentAt().map(sent -> waits.secondsLeft(resends(), sent, jitterSeed(), now)).orElse(0L);
    }

    /** Codes sent after another in this interaction so far. */
    public int resends() {
        String value = get(RESENDS);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** Drawn with the first code; a sign-in begun before this note existed draws it now. */
    private long jitterSeed() {
        String value = get(JITTER_SEED);
        if (value == null) {
            value = Long.toString(SEEDS.nextLong());
            set(JITTER_SEED, value);
        }
        return Long.parseLong(value);
    }

    /**
     * Twilio's risk checks refused to send to this number (E.164), the current one: this interaction sends it nothing
     * more, as every further request would be refused the same way.
     */
    public void numberRefused(String number) {
        set(REFUSED, number);
    }

    public boolean refused(String number) {
        return number.equals(get(REFUSED));
    }

    /** Twilio no longer accepts codes for this verification (expired, used, too many wrong codes). */
    public void verificationEnded() {
        set(ENDED, "true");
    }

    public Optional<String> verificationSid() {
        return Optional.ofNullable(get(SID));
    }

    public Optional<String> phone() {
        return Optional.ofNullable(get(PHONE));
    }

    /** Where the last code went (a number or an email address); empty before any code. */
    public Optional<String> target() {
        return Optional.ofNullable(get(TARGET));
    }

    public Channel channel() {
        return Channel.fromWireName(get(CHANNEL)).orElse(Channel.SMS);
    }

    public Optional<Instant> sentAt() {
        String value = get(SENT_AT);
        return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
    }

    public boolean enrolling() {
        return Boolean.parseBoolean(get(ENROLLING));
    }

    /** Why the first code of this interaction was sent; resends and the backup number follow the same rules. */
    public void purpose(Purpose purpose) {
        set(PURPOSE, purpose.name());
    }

    /** Why this interaction sends codes; for one begun before this note existed, what its flags tell. */
    public Purpose purpose() {
        String value = get(PURPOSE);
        if (value != null) {
            return Purpose.valueOf(value);
        }
        return enrolling() ? Purpose.ENROLMENT : Purpose.SIGN_IN;
    }

    /** True while Twilio still holds a code for this login: reloads and double submits must not send another. */
    public boolean verificationPending(Instant now) {
        return verificationSid().isPresent()
                && get(ENDED) == null
                && sentAt().map(sent -> now.isBefore(sent.plus(VERIFICATION_LIFETIME))).orElse(false);
    }

    /**
     * Starts this interaction over with another number ("Use another number", a number typed again): the first code to
     * it goes out at once, but the sends of the sign-in stay counted, the next resend waits as long as it would have,
     * and a number Twilio refused stays refused.
     */
    public void startOver() {
        for (String note : new String[] {STAGE, SID, PHONE, TARGET, CHANNEL, SENT_AT, ENROLLING, ENDED, NEUTRAL, BACKUP, DECOY, STARTED_AT, CHECKS,
                PURPOSE}) {
            remove(note);
        }
    }

    /** This interaction is over (its code was approved, or the flow goes on without it): none of its notes stay. */
    public void clear() {
        startOver();
        for (String note : new String[] {RESENDS, JITTER_SEED, REFUSED}) {
            remove(note);
        }
    }

    private String get(String note) {
        return session.getAuthNote(prefix + note);
    }

    private void set(String note, String value) {
        session.setAuthNote(prefix + note, value);
    }

    private void remove(String note) {
        session.removeAuthNote(prefix + note);
    }
}

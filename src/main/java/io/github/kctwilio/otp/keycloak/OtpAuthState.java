package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.verify.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What this login has done so far, kept in authentication-session notes (clustered with the session, one per
 * browser tab). Holds the verification SID and where it went; never the code, which only Twilio knows.
 */
final class OtpAuthState {

    /** Twilio keeps a verification, and its code, for 10 minutes. */
    static final Duration VERIFICATION_LIFETIME = Duration.ofMinutes(10);

    private static final String STAGE = "stage";
    private static final String SID = "sid";
    private static final String PHONE = "phone";
    private static final String TARGET = "target";
    private static final String CHANNEL = "channel";
    private static final String SENT_AT = "sent-at";
    private static final String ENROLLING = "enrolling";
    private static final String ENDED = "ended";
    private static final String SENDS = "sends";
    private static final String NEUTRAL = "neutral";
    private static final String BACKUP = "backup";
    /** A reset for an account that gets no code: every send and check goes to the decoy, none is accepted. */
    private static final String DECOY = "decoy";
    /** When the current verification began (Twilio's ten minutes count from then, resends included). */
    private static final String STARTED_AT = "started-at";
    /** Codes checked against the current verification (Twilio refuses the sixth; the decoy must too). */
    private static final String CHECKS = "checks";

    /** Note, shared by the step and the action, naming the number a code was approved for in this sign-in. */
    private static final String VERIFIED_IN_THIS_LOGIN = "twilio-otp.verified-in-this-login";

    enum Stage { PHONE_ENTRY, CODE_ENTRY }

    private final AuthenticationSessionModel session;
    private final String prefix;

    OtpAuthState(AuthenticationSessionModel session, String prefix) {
        this.session = session;
        this.prefix = prefix;
    }

    /** Records that this sign-in proved this number (E.164). */
    static void verifiedInThisLogin(AuthenticationSessionModel session, String number) {
        session.setAuthNote(VERIFIED_IN_THIS_LOGIN, number);
    }

    /** The number a code was approved for earlier in this sign-in, if any. */
    static Optional<String> verifiedInThisLogin(AuthenticationSessionModel session) {
        return Optional.ofNullable(session.getAuthNote(VERIFIED_IN_THIS_LOGIN));
    }

    /** The state of this interaction (the login step and the required action each keep their own). */
    static OtpAuthState of(OtpInteraction interaction) {
        return new OtpAuthState(interaction.getAuthenticationSession(), interaction.notePrefix());
    }

    Stage stage() {
        return "phone".equals(get(STAGE)) ? Stage.PHONE_ENTRY : Stage.CODE_ENTRY;
    }

    void askForPhone() {
        set(STAGE, "phone");
    }

    /**
     * The number this login verifies and the channel last tried, also when no code went out (say SMS was refused
     * for a landline and the user is to choose the voice call).
     */
    void numberChosen(String phone, Channel tried, boolean enrolling) {
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
    void codeSent(String verificationSid, String phone, String target, Channel channel, Instant at, boolean enrolling) {
        boolean sameVerification = verificationSid.equals(get(SID))
                && startedAt().map(started -> at.isBefore(started.plus(VERIFICATION_LIFETIME))).orElse(false);
        if (!sameVerification) {
            set(STARTED_AT, Long.toString(at.toEpochMilli()));
            set(CHECKS, "0");
        }
        numberChosen(phone, channel, enrolling);
        set(SID, verificationSid);
        set(TARGET, target);
        set(SENT_AT, Long.toString(at.toEpochMilli()));
        set(SENDS, Integer.toString(sendCount() + 1));
        remove(ENDED);
    }

    /**
     * From now on this login gets no code: sends and checks go to the decoy (a reset for an account without a phone, or
     * one that got locked mid-reset), and no code is accepted.
     */
    void decoyFromNowOn() {
        set(DECOY, "true");
        hideTarget();
    }

    boolean decoy() {
        return get(DECOY) != null;
    }

    /** One more code checked against the current verification. */
    void codeChecked() {
        set(CHECKS, Integer.toString(checkCount() + 1));
    }

    int checkCount() {
        String value = get(CHECKS);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** The current verification is past Twilio's ten minutes (counted from its first send, not the last resend). */
    boolean verificationExpired(Instant now) {
        return startedAt().map(started -> !now.isBefore(started.plus(VERIFICATION_LIFETIME))).orElse(true);
    }

    private Optional<Instant> startedAt() {
        String value = get(STARTED_AT);
        return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
    }

    /** The user's two phone credential numbers, main first: the code form offers the one codes did not go to. */
    void twoNumbers(String main, String backup) {
        set(BACKUP, main + " " + backup);
    }

    /** "Send the code to my other number": the user's number the last code did not go to; empty with one number. */
    Optional<String> otherNumber() {
        String both = get(BACKUP);
        if (both == null) {
            return Optional.empty();
        }
        return Arrays.stream(both.split(" ")).filter(n -> phone().filter(n::equals).isEmpty()).findFirst();
    }

    /** Forms of this login must not show where the code went (a reset must not reveal the account's number). */
    void hideTarget() {
        set(NEUTRAL, "true");
    }

    boolean targetHidden() {
        return get(NEUTRAL) != null;
    }

    /** Codes sent in this login so far, for the per-login cap. */
    int sendCount() {
        String value = get(SENDS);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** Twilio no longer accepts codes for this verification (expired, used, too many wrong codes). */
    void verificationEnded() {
        set(ENDED, "true");
    }

    Optional<String> verificationSid() {
        return Optional.ofNullable(get(SID));
    }

    Optional<String> phone() {
        return Optional.ofNullable(get(PHONE));
    }

    /** Where the last code went (a number or an email address); empty before any code. */
    Optional<String> target() {
        return Optional.ofNullable(get(TARGET));
    }

    Channel channel() {
        return Channel.fromWireName(get(CHANNEL)).orElse(Channel.SMS);
    }

    Optional<Instant> sentAt() {
        String value = get(SENT_AT);
        return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
    }

    boolean enrolling() {
        return Boolean.parseBoolean(get(ENROLLING));
    }

    /** True while Twilio still holds a code for this login: reloads and double submits must not send another. */
    boolean verificationPending(Instant now) {
        return verificationSid().isPresent()
                && get(ENDED) == null
                && sentAt().map(sent -> now.isBefore(sent.plus(VERIFICATION_LIFETIME))).orElse(false);
    }

    void clear() {
        for (String note : new String[] {STAGE, SID, PHONE, TARGET, CHANNEL, SENT_AT, ENROLLING, ENDED, SENDS, NEUTRAL, BACKUP, DECOY, STARTED_AT, CHECKS}) {
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

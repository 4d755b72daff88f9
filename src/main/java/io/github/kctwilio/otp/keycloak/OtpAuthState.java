package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.verify.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What this login has done so far, kept in authentication-session notes (clustered with the session, one per
 * browser tab). Holds the verification SID and where it went; never the code, which only Twilio knows.
 */
final class OtpAuthState {

    /** Twilio keeps a verification, and its code, for 10 minutes. */
    static final Duration VERIFICATION_LIFETIME = Duration.ofMinutes(10);

    private static final String PREFIX = "twilio-otp.";
    private static final String STAGE = PREFIX + "stage";
    private static final String SID = PREFIX + "sid";
    private static final String PHONE = PREFIX + "phone";
    private static final String TARGET = PREFIX + "target";
    private static final String CHANNEL = PREFIX + "channel";
    private static final String SENT_AT = PREFIX + "sent-at";
    private static final String ENROLLING = PREFIX + "enrolling";
    private static final String ENDED = PREFIX + "ended";
    private static final String SENDS = PREFIX + "sends";

    enum Stage { PHONE_ENTRY, CODE_ENTRY }

    private final AuthenticationSessionModel session;

    OtpAuthState(AuthenticationSessionModel session) {
        this.session = session;
    }

    Stage stage() {
        return "phone".equals(session.getAuthNote(STAGE)) ? Stage.PHONE_ENTRY : Stage.CODE_ENTRY;
    }

    void askForPhone() {
        session.setAuthNote(STAGE, "phone");
    }

    /**
     * The number this login verifies and the channel last tried, also when no code went out (say SMS was refused
     * for a landline and the user is to choose the voice call).
     */
    void numberChosen(String phone, Channel tried, boolean enrolling) {
        session.setAuthNote(STAGE, "code");
        session.setAuthNote(PHONE, phone);
        session.setAuthNote(CHANNEL, tried.wireName());
        session.setAuthNote(ENROLLING, Boolean.toString(enrolling));
    }

    /**
     * A code went out: remember where, by which channel, when, and whether the number is new to the account.
     *
     * @param target where the code went: the phone number, or the email address for the email channel
     */
    void codeSent(String verificationSid, String phone, String target, Channel channel, Instant at, boolean enrolling) {
        numberChosen(phone, channel, enrolling);
        session.setAuthNote(SID, verificationSid);
        session.setAuthNote(TARGET, target);
        session.setAuthNote(SENT_AT, Long.toString(at.toEpochMilli()));
        session.setAuthNote(SENDS, Integer.toString(sendCount() + 1));
        session.removeAuthNote(ENDED);
    }

    /** Codes sent in this login so far, for the per-login cap. */
    int sendCount() {
        String value = session.getAuthNote(SENDS);
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** Twilio no longer accepts codes for this verification (expired, used, too many wrong codes). */
    void verificationEnded() {
        session.setAuthNote(ENDED, "true");
    }

    Optional<String> verificationSid() {
        return Optional.ofNullable(session.getAuthNote(SID));
    }

    Optional<String> phone() {
        return Optional.ofNullable(session.getAuthNote(PHONE));
    }

    /** Where the last code went (a number or an email address); empty before any code. */
    Optional<String> target() {
        return Optional.ofNullable(session.getAuthNote(TARGET));
    }

    Channel channel() {
        return Channel.fromWireName(session.getAuthNote(CHANNEL)).orElse(Channel.SMS);
    }

    Optional<Instant> sentAt() {
        String value = session.getAuthNote(SENT_AT);
        return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
    }

    boolean enrolling() {
        return Boolean.parseBoolean(session.getAuthNote(ENROLLING));
    }

    /** True while Twilio still holds a code for this login: reloads and double submits must not send another. */
    boolean verificationPending(Instant now) {
        return verificationSid().isPresent()
                && session.getAuthNote(ENDED) == null
                && sentAt().map(sent -> now.isBefore(sent.plus(VERIFICATION_LIFETIME))).orElse(false);
    }

    void clear() {
        for (String note : new String[] {STAGE, SID, PHONE, TARGET, CHANNEL, SENT_AT, ENROLLING, ENDED, SENDS}) {
            session.removeAuthNote(note);
        }
    }
}

package io.github.kctwilio.otp.emulator;

/**
 * What a request received by the {@link VerifyEmulator} asked for, judged by method and path shape only
 * (so a create refused with 401 or an injected fault still counts as a create attempt: tests about retries
 * need exactly that).
 */
public enum RequestKind {
    /** {@code POST /v2/Services/{ServiceSid}/Verifications}: start or re-send a verification. */
    CREATE_VERIFICATION,
    /** {@code POST /v2/Services/{ServiceSid}/VerificationCheck}. */
    CHECK,
    /** {@code GET /v2/Services/{ServiceSid}/Verifications/{Sid}}. */
    FETCH,
    /** {@code POST /v2/Services/{ServiceSid}/Verifications/{Sid}}: cancel or approve. */
    UPDATE,
    /** {@code GET /v2/PhoneNumbers/{PhoneNumber}} (Lookup v2, host lookups.twilio.com at Twilio). */
    LOOKUP,
    /** Anything else (unknown paths, wrong methods). */
    OTHER
}

package io.github.kctwilio.otp.verify;

/**
 * Why a Verify call did not work, grouped by what the caller should do about it.
 * {@link VerifyErrors} maps Twilio's HTTP statuses and error codes onto these.
 */
public enum VerifyFailure {
    /** 20003: wrong Account SID or Auth Token, or a suspended account. The admin must act. */
    BAD_CREDENTIALS(true),
    /** 20404: the verification was approved, expired, canceled, or never existed. A new code is needed. */
    VERIFICATION_NOT_FOUND(false),
    /** 60202: five wrong codes for this verification. A new code is needed, later. */
    TOO_MANY_CHECKS(false),
    /** 60203: five sends to this number in one verification lifecycle. */
    TOO_MANY_SENDS(false),
    /** 20429, 60212: Twilio throttles; try again in a moment. */
    THROTTLED(false),
    /** 60200: Twilio rejected a parameter (usually the number). */
    INVALID_PARAMETER(false),
    /** 60205: SMS cannot reach a landline; a voice call can. */
    LANDLINE(false),
    /** 60223: the channel is disabled in the Verify Service. The admin must act. */
    CHANNEL_DISABLED(true),
    /**
     * Twilio's risk checks refuse to send to this number: 60410 (Fraud Guard), 60413 (Device Intelligence), 60605
     * (Geo Permissions).
     */
    NUMBER_BLOCKED(false),
    /** Timeouts, refused connections, HTTP 5xx, unreadable bodies, codes we do not know. */
    UNAVAILABLE(true);

    private final boolean needsAdminAttention;

    VerifyFailure(boolean needsAdminAttention) {
        this.needsAdminAttention = needsAdminAttention;
    }

    /** True where the cause lies with the configuration or with Twilio, never with the end user. */
    public boolean needsAdminAttention() {
        return needsAdminAttention;
    }
}

package io.github.kctwilio.otp.lookup;

/**
 * Why a whole Lookup request failed. Which of them lets a send go on is the realm's lookup-failure policy; the kind
 * is for the admin log. (A single package that cannot answer is no failure of the request: see {@link PackageAnswer}.)
 */
public enum LookupFailure {
    /** 20003 or HTTP 401: wrong Account SID or Auth Token, a suspended account, or Lookup not enabled for it. */
    BAD_CREDENTIALS,
    /** 20429 or HTTP 429: Twilio throttles. */
    THROTTLED,
    /** Timeouts, refused connections, HTTP 5xx, unreadable bodies, codes we do not know. */
    UNAVAILABLE;

    /**
     * @param httpStatus HTTP status of the answer, null when there was none
     * @param twilioCode Twilio's error code from the body, null when the body had none
     */
    public static LookupFailure classify(Integer httpStatus, Integer twilioCode) {
        if (Integer.valueOf(20003).equals(twilioCode) || Integer.valueOf(401).equals(httpStatus)) {
            return BAD_CREDENTIALS;
        }
        if (Integer.valueOf(20429).equals(twilioCode) || Integer.valueOf(429).equals(httpStatus)) {
            return THROTTLED;
        }
        return UNAVAILABLE;
    }
}

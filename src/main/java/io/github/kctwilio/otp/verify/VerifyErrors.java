package io.github.kctwilio.otp.verify;

/** Maps Twilio's error codes and HTTP statuses onto {@link VerifyFailure}. */
public final class VerifyErrors {

    private VerifyErrors() {
    }

    /**
     * @param httpStatus HTTP status of the answer, null when there was none
     * @param twilioCode Twilio's error code from the body, null when the body had none
     */
    public static VerifyFailure classify(Integer httpStatus, Integer twilioCode) {
        if (twilioCode != null) {
            switch (twilioCode) {
                case 20003: return VerifyFailure.BAD_CREDENTIALS;
                case 20404: return VerifyFailure.VERIFICATION_NOT_FOUND;
                case 20429:
                case 60212: return VerifyFailure.THROTTLED;
                case 60200: return VerifyFailure.INVALID_PARAMETER;
                case 60202: return VerifyFailure.TOO_MANY_CHECKS;
                case 60203: return VerifyFailure.TOO_MANY_SENDS;
                case 60205: return VerifyFailure.LANDLINE;
                case 60223: return VerifyFailure.CHANNEL_DISABLED;
                case 60410: // Fraud Guard blocked the number's prefix
                case 60413: // Verify's Device Intelligence judged the sender a risk
                case 60605: return VerifyFailure.NUMBER_BLOCKED; // Geo Permissions
                default: break;
            }
        }
        if (httpStatus == null) {
            return VerifyFailure.UNAVAILABLE;
        }
        if (httpStatus == 401) {
            return VerifyFailure.BAD_CREDENTIALS;
        }
        if (httpStatus == 429) {
            return VerifyFailure.THROTTLED;
        }
        // An unknown 4xx is a request we should not have made: treat it like an outage, never as the user's fault.
        return VerifyFailure.UNAVAILABLE;
    }
}

package io.github.kctwilio.otp.verify;

import java.util.Optional;

/**
 * Stands in for Twilio where no code may go (a password reset for an unknown account, one without a phone, or one
 * locked by brute-force protection): it sends nothing and approves nothing, but answers as Twilio would, after as long
 * as Twilio has been taking: a new "verification", wrong codes, 60202 after five checks, 20404 once the verification's
 * ten minutes are over, and the same failure as real requests while Twilio is down.
 */
public final class DecoyVerifyGateway implements VerifyGateway {

    /** The verification SID of a decoy. */
    public static final String SID = "decoy";
    /** Twilio's checks per verification; the sixth is refused with 60202. */
    public static final int MAX_CHECKS = 5;

    private final VerifyTimings timings;
    private final String account;
    private final int checksSoFar;
    private final boolean expired;

    /**
     * @param account     the realm's Twilio account ({@link VerifyTimings#accountOf}): the decoy fails while its real
     *                    requests do
     * @param checksSoFar codes checked against this decoy verification so far
     * @param expired     the decoy verification is older than Twilio's ten minutes
     */
    public DecoyVerifyGateway(VerifyTimings timings, String account, int checksSoFar, boolean expired) {
        this.timings = timings;
        this.account = account;
        this.checksSoFar = checksSoFar;
        this.expired = expired;
    }

    @Override
    public StartedVerification start(VerificationRequest request) throws VerifyException {
        timings.waitAsTypical(VerifyTimings.Operation.START);
        failAsRealRequestsDo();
        return new StartedVerification(SID, request.channel());
    }

    @Override
    public CheckResult check(String verificationSid, String code) throws VerifyException {
        timings.waitAsTypical(VerifyTimings.Operation.CHECK);
        failAsRealRequestsDo();
        if (expired) {
            throw new VerifyException(VerifyFailure.VERIFICATION_NOT_FOUND, 404, 20404, "The requested resource was not found", null);
        }
        if (checksSoFar >= MAX_CHECKS) {
            throw new VerifyException(VerifyFailure.TOO_MANY_CHECKS, 429, 60202, "Max check attempts reached", null);
        }
        return CheckResult.WRONG_CODE;
    }

    private void failAsRealRequestsDo() throws VerifyException {
        Optional<VerifyException> outage = timings.recentOutage(account);
        if (outage.isPresent()) {
            throw outage.get();
        }
    }

    @Override
    public void cancel(String verificationSid) {
        // Nothing was started.
    }
}

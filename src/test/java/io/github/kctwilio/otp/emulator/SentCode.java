package io.github.kctwilio.otp.emulator;

/**
 * A code the emulator "delivered" (first send or re-send), as reported to {@link VerifyEmulator#onSend}
 * listeners. Real Twilio would send an SMS, call or email here.
 *
 * @param to              the address as given in {@code To}
 * @param channel         the channel used ({@code auto} is reported as the channel it resolved to)
 * @param code            the code (the same for every send of one verification)
 * @param verificationSid {@code VE…} SID of the verification
 * @param locale          the {@code Locale} parameter of this send, or null
 */
public record SentCode(String to, String channel, String code, String verificationSid, String locale) {
}

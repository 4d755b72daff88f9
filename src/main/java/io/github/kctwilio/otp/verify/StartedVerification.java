package io.github.kctwilio.otp.verify;

/** A verification Twilio accepted: its SID is what later checks refer to. */
public record StartedVerification(String sid, Channel channel) {
}

/**
 * What {@code AdversarialInputIT} sends and how it judges the answers: malformed phone numbers, codes, request bodies
 * and forged action URLs; the probe that classifies each answer (no 5xx, no unescaped echo, no Twilio call for input
 * the step must refuse) and the tally it prints. Its pure parts have unit tests here ({@code StepProbeTest}).
 */
package io.github.kctwilio.otp.it.adversarial;

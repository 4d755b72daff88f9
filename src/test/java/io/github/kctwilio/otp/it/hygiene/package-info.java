/**
 * The secret scan of {@code LogAndEventHygieneIT}: which strings are secrets (full phone numbers, codes, the auth
 * token and its spellings, the Authorization header) and where in a log line or an event one was found.
 */
package io.github.kctwilio.otp.it.hygiene;

package io.github.kctwilio.otp.keycloak;

import io.github.kctwilio.otp.config.ExecutionSettings;
import io.github.kctwilio.otp.config.PhonePolicy;
import io.github.kctwilio.otp.config.PhoneSettings;
import io.github.kctwilio.otp.config.TwilioOtpConfig;
import io.github.kctwilio.otp.limits.SendLimits;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The settings an admin sees behind a gear: the Twilio ones, shared by the login step (per execution) and the
 * required action (per realm), and the realm's phone-number rules (required action only).
 */
final class OtpConfigProperties {

    private OtpConfigProperties() {
    }

    /** The step's Auth Token: Keycloak masks it in the admin API and exports from 26.7 (secret authenticator setting). */
    static ProviderConfigProperty stepAuthToken() {
        return ProviderConfigurationBuilder.create()
                .property().name(ExecutionSettings.AUTH_TOKEN).label("Auth Token")
                .type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("Twilio Auth Token, or a vault reference such as ${vault.twilio-auth-token}. Blank: the server "
                        + "option auth-token, else the TWILIO_AUTH_TOKEN environment variable.")
                .add().build().get(0);
    }

    /** The required action's Auth Token: Keycloak shows a required action's settings as stored, so no token itself. */
    static ProviderConfigProperty actionAuthToken() {
        return ProviderConfigurationBuilder.create()
                .property().name(ExecutionSettings.AUTH_TOKEN).label("Auth Token (vault reference)")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("A vault reference such as ${vault.twilio-auth-token}, never the token itself: Keycloak shows a "
                        + "required action's settings as stored, in the admin console and in realm exports, so a token is "
                        + "refused here (and removed if an import brings one). Blank: the server option auth-token, else the "
                        + "TWILIO_AUTH_TOKEN environment variable.")
                .add().build().get(0);
    }

    /** Twilio account, channels, cooldown and send caps; {@code authToken} is the step's or the action's field. */
    static List<ProviderConfigProperty> twilio(ProviderConfigProperty authToken) {
        return ProviderConfigurationBuilder.create()
                .property().name(ExecutionSettings.VERIFY_SERVICE_SID).label("Verify Service SID")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("SID of the Twilio Verify Service (VA followed by 32 characters). Blank: the server option "
                        + "verify-service-sid, else the TWILIO_VERIFY_SID environment variable.")
                .add()
                .property().name(ExecutionSettings.ACCOUNT_SID).label("Account SID")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Twilio Account SID (AC followed by 32 characters). Blank: the server option account-sid, "
                        + "else the TWILIO_ACCOUNT_SID environment variable.")
                .add()
                .property(authToken)
                .property().name(ExecutionSettings.DEFAULT_CHANNEL).label("Default channel")
                .type(ProviderConfigProperty.LIST_TYPE).options("sms", "call", "whatsapp", "email").defaultValue("sms")
                .helpText("How the first code is delivered. The channel must be enabled in the Verify Service.")
                .add()
                .property().name(ExecutionSettings.CHANNELS).label("Channels offered")
                .type(ProviderConfigProperty.MULTIVALUED_LIST_TYPE).options("sms", "call", "whatsapp", "email")
                .defaultValue(TwilioOtpConfig.DEFAULT_CHANNELS)
                .helpText("Channels users may switch to on the code form (the default channel is always offered). "
                        + "WhatsApp and email need setup in the Verify Service first; email goes to the account's address "
                        + "and is never offered to verify a new number.")
                .add()
                .property().name(ExecutionSettings.DEFAULT_REGION).label("Default region")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Two-letter region (such as US or DE) used to read phone numbers written without a country "
                        + "code. Blank: numbers must start with + and the country code.")
                .add()
                .property().name(ExecutionSettings.RESEND_COOLDOWN_SECONDS).label("Resend cooldown (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(TwilioOtpConfig.DEFAULT_RESEND_COOLDOWN_SECONDS))
                .helpText("How long a user waits before asking for another code (0 to 600). Within Twilio's 10 minutes "
                        + "a new request re-sends the same code.")
                .add()
                .property().name(ExecutionSettings.SEND_LIMIT_PER_NUMBER).label("Send limit per phone number")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SendLimits.DEFAULT_PER_NUMBER)
                .helpText("Most codes sent to one number in a window, such as 5/1h (count per s, m, h or d). 0: no limit. "
                        + "Held cluster-wide; protects against SMS pumping. The owner's own sign-ins have this allowance "
                        + "to themselves; password resets and numbers being set up count per number and client address, "
                        + "so a stranger cannot use up the owner's codes.")
                .add()
                .property().name(ExecutionSettings.SEND_LIMIT_PER_USER).label("Send limit per user")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SendLimits.DEFAULT_PER_USER)
                .helpText("Most codes sent for one account in a window, such as 10/1h (password resets do not count: "
                        + "they prove no account). 0: no limit.")
                .add()
                .property().name(ExecutionSettings.SEND_LIMIT_PER_IP).label("Send limit per IP address")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SendLimits.DEFAULT_PER_IP)
                .helpText("Most codes requested from one client IP address in a window, such as 30/1h (IPv6 addresses "
                        + "count by their /64 network). Many users may share an address behind a company or carrier "
                        + "gateway. 0: no limit.")
                .add()
                .property().name(ExecutionSettings.MAX_SENDS_PER_LOGIN).label("Most codes per sign-in")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(SendLimits.DEFAULT_PER_LOGIN))
                .helpText("Most codes one sign-in may send, resends, other numbers and going back to the login "
                        + "included. 0: no cap.")
                .add()
                .build();
    }

    /** Where numbers live, what an existing number is worth, where codes may go. */
    static List<ProviderConfigProperty> phonePolicy() {
        return ProviderConfigurationBuilder.create()
                .property().name(PhoneSettings.PHONE_ATTRIBUTE).label("Phone number attribute")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PhonePolicy.DEFAULT_PHONE_ATTRIBUTE)
                .helpText("User attribute the plugin writes the user's verified (main) number to, for tokens: "
                        + "phoneNumber is what Keycloak's phone client scope reads. Codes never go to what this attribute "
                        + "says: they go to the user's phone credentials. Only an account without one may take its first "
                        + "number from here (see the next setting).")
                .add()
                .property().name(PhoneSettings.VERIFIED_ATTRIBUTE).label("Phone verified attribute")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(PhonePolicy.DEFAULT_VERIFIED_ATTRIBUTE)
                .helpText("User attribute set to true when the number attribute holds one of the user's verified numbers, "
                        + "and back to false when it no longer does.")
                .add()
                .property().name(PhoneSettings.EXISTING_NUMBERS).label("Numbers in the attribute of users without a phone")
                .type(ProviderConfigProperty.LIST_TYPE).options("trust", "verify").defaultValue("trust")
                .helpText("For an account that has no phone credential yet but a number in the attribute (imported, from a "
                        + "directory, set by an admin): trust makes it the account's phone as it is, but only when users "
                        + "cannot edit the attribute in this realm's user profile; verify (and trust, for an attribute "
                        + "users can edit) sends a code to it at the next sign-in, and it becomes the account's phone once "
                        + "the code is approved.")
                .add()
                .property().name(PhoneSettings.NUMBERS_PER_USER).label("Phone numbers per user")
                .type(ProviderConfigProperty.LIST_TYPE).options("2", "1").defaultValue(String.valueOf(PhonePolicy.DEFAULT_NUMBERS_PER_USER))
                .helpText("2: a user may keep a backup phone, and the code form offers to send the code to the other "
                        + "number. 1: verifying a new number replaces the old one. Beyond the limit, a newly verified "
                        + "number replaces the oldest.")
                .add()
                .property().name(PhoneSettings.ALLOWED_COUNTRIES).label("Allowed countries")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Two-letter country codes (such as US, CA) whose numbers may receive codes. Empty: all. A number "
                        + "from elsewhere is refused on the form, before any Twilio request.")
                .add()
                .property().name(PhoneSettings.ONE_ACCOUNT_PER_NUMBER).label("One account per phone number")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("When on, a number another account already holds is refused once its code is approved (so only "
                        + "someone holding that phone learns it is taken). Required by \"Twilio OTP: sign in with phone "
                        + "number\", which refuses every phone sign-in while it is off. Numbers held by several accounts "
                        + "before it was turned on sign nobody in by phone: the admin decides whose they are.")
                .add()
                .property().name(PhoneSettings.REALM_SEND_LIMIT).label("Realm-wide send limit")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(SendLimits.DEFAULT_PER_REALM)
                .helpText("Most codes the whole realm sends in a window for requests anyone can make: new numbers "
                        + "(this action, signup) and password resets. Stops SMS pumping through open registration. Users "
                        + "signing in to their own verified number do not count, so reaching it never locks them out. "
                        + "Reached: users see \"try again later\", the log gets one warning per window. Such as 300/1h "
                        + "(up to 100000 per s, m, h or d); 0: no limit. Held cluster-wide.")
                .add()
                .build();
    }
}

package io.github.kctwilio.otp.config;

import io.github.kctwilio.otp.config.TwilioOtpConfig.ResetWithoutPhone;
import io.github.kctwilio.otp.limits.ResendSchedule;
import io.github.kctwilio.otp.limits.SendLimits;
import io.github.kctwilio.otp.lookup.LineType;
import io.github.kctwilio.otp.lookup.LookupGateways;
import io.github.kctwilio.otp.phone.PhonePolicy.ExistingNumbers;
import io.github.kctwilio.otp.verify.Channel;
import io.github.kctwilio.otp.verify.TransportSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of the plugin, as an admin meets it: the key it is stored under, the label and help text of its field,
 * its type, its default and where it can be set. The parsers read keys and defaults from here and the Keycloak adapter
 * builds the admin console's fields from here, so neither can drift from the other. Keys and defaults are what realms
 * in the wild have stored: never change one. A key may have two rows when its field differs by place (the Auth Token,
 * the signup form's default region).
 */
public enum Setting {

    // The realm's Twilio account: set once per realm on the required action, overridable per step (TwilioAccount).
    VERIFY_SERVICE_SID("verifyServiceSid", "Verify Service SID", Type.TEXT, null,
            "SID of the Twilio Verify Service (VA followed by 32 characters). " + accountHelp("verify-service-sid", "TWILIO_VERIFY_SID"),
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    ACCOUNT_SID("accountSid", "Account SID", Type.TEXT, null,
            "Twilio Account SID (AC followed by 32 characters). " + accountHelp("account-sid", "TWILIO_ACCOUNT_SID"),
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    /** The step's Auth Token: Keycloak masks it in the admin API and exports from 26.7 (secret authenticator setting). */
    STEP_AUTH_TOKEN(Keys.AUTH_TOKEN, "Auth Token", Type.SECRET, null,
            "Twilio Auth Token, or a vault reference such as ${vault.twilio-auth-token}. Blank: the realm's (the Auth Token "
                    + "of the required action \"Verify phone number\"), else the server option auth-token, else the "
                    + "TWILIO_AUTH_TOKEN environment variable.",
            Place.STEP, Place.PHONE_LOGIN),
    /** The required action's Auth Token: Keycloak shows a required action's settings as stored, so no token itself. */
    REALM_AUTH_TOKEN(Keys.AUTH_TOKEN, "Auth Token (vault reference)", Type.TEXT, null,
            "A vault reference such as ${vault.twilio-auth-token}, never the token itself: Keycloak shows a required "
                    + "action's settings as stored, in the admin console and in realm exports, so a token is refused here "
                    + "(and removed if an import brings one). Steps that leave their own blank use this one. Blank: the "
                    + "Auth Token of the step that handed the user over, else the server option auth-token, else the "
                    + "TWILIO_AUTH_TOKEN environment variable.",
            Place.REALM),

    // How codes go out, per step; the required action has its own.
    DEFAULT_CHANNEL("defaultChannel", "Default channel", Type.CHOICE, Channel.SMS.wireName(), channels(),
            "How the first code is delivered. The channel must be enabled in the Verify Service.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    /** SMS and voice are on in a new Verify Service; WhatsApp and email need setup in Twilio first. */
    CHANNELS("channels", "Channels offered", Type.CHOICES, Channel.SMS.wireName() + "##" + Channel.CALL.wireName(), channels(),
            "Channels users may switch to on the code form (the default channel is always offered). WhatsApp and email "
                    + "need setup in the Verify Service first; email goes to the account's address and is never offered "
                    + "to verify a new number.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    DEFAULT_REGION(Keys.DEFAULT_REGION, "Default region", Type.TEXT, null,
            "Two-letter region (such as US or DE) used to read phone numbers written without a country code. Blank: "
                    + "numbers must start with + and the country code.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    /**
     * Replaced by {@link #RESEND_WAITS}; still read, as one wait before every resend, where that one is left blank, so
     * configs saved before keep their behaviour. No default: blank means "use the resend waits".
     */
    RESEND_COOLDOWN_SECONDS("resendCooldownSeconds", "Resend cooldown (seconds, replaced by Resend waits)", Type.TEXT, null,
            "Replaced by Resend waits: leave blank. Read only when Resend waits is blank, as one fixed wait (0 to 600 "
                    + "seconds) before every new code, so that configs saved before keep working.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    SEND_LIMIT_PER_NUMBER("sendLimitPerNumber", "Send limit per phone number", Type.TEXT, SendLimits.DEFAULT_PER_NUMBER,
            "Most codes sent to one number in a window, such as 5/1h (count per s, m, h or d). 0: no limit. Held "
                    + "cluster-wide; protects against SMS pumping. The owner's own sign-ins have this allowance to "
                    + "themselves; password resets and numbers being set up count per number and client address, so a "
                    + "stranger cannot use up the owner's codes.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    SEND_LIMIT_PER_USER("sendLimitPerUser", "Send limit per user", Type.TEXT, SendLimits.DEFAULT_PER_USER,
            "Most codes sent for one account in a window, such as 10/1h (password resets do not count: they prove no "
                    + "account). 0: no limit.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    SEND_LIMIT_PER_IP("sendLimitPerIp", "Send limit per IP address", Type.TEXT, SendLimits.DEFAULT_PER_IP,
            "Most codes requested from one client IP address in a window, such as 30/1h (IPv6 addresses count by their "
                    + "/64 network). Many users may share an address behind a company or carrier gateway. 0: no limit.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    MAX_SENDS_PER_LOGIN("maxSendsPerLogin", "Most codes per sign-in", Type.TEXT, String.valueOf(SendLimits.DEFAULT_PER_LOGIN),
            "Most codes one sign-in may send, resends, other numbers and going back to the login included. 0: no cap.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),

    // Escalating resend waits and Verify's own send options (issue 11): per step; the required action has its own.
    RESEND_WAITS("resendWaits", "Resend waits", Type.TEXT, ResendSchedule.DEFAULT,
            "How long a user waits before each further code in one sign-in: the first wait before the first resend, the "
                    + "second before the second, and so on; the last one repeats. Each is stretched by up to "
                    + ResendSchedule.JITTER_PERCENT + " % so scripts cannot time their requests. Switching channel and "
                    + "\"send the code to my other number\" count as resends; reloading the page sends nothing and "
                    + "keeps the wait. Up to " + ResendSchedule.MAX_STEPS + " waits in s, m or h, each up to 1h, none "
                    + "shorter than the one before; 0s: no wait. Within Twilio's 10 minutes a resend re-sends the same code.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    /** Twilio's default is enable; disable (which would switch Fraud Guard off) is deliberately not an option. */
    RISK_CHECK("riskCheck", "Fraud Guard risk check", Type.CHOICE, "default", List.of("default", "enable"),
            "Verify's RiskCheck for SMS codes: whether Fraud Guard and Geo Permissions may block a send they judge "
                    + "fraudulent (SMS pumping). default sends nothing, so Twilio applies its own default (enable); enable "
                    + "asks for it on every send. A blocked send shows \"We cannot send a code to this number\", records "
                    + "the event error twilio_number_blocked, and that sign-in sends the number nothing more. Turning the "
                    + "protections off is not offered.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    TEMPLATE_SID("templateSid", "Verify message template SID", Type.TEXT, null,
            "A Verify message template (HJ followed by 32 characters; Twilio console, Verify, your service, Templates) "
                    + "for SMS and voice codes. Blank: the service's default message. With a template whose last line is "
                    + "\"@your.keycloak.host #{{code}}\" (the host users sign in at; a custom template Twilio approves), "
                    + "the code form lets supporting browsers read the SMS and fill in the code (WebOTP); a page on another "
                    + "host gets nothing.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),
    APP_HASH("appHash", "Android app hash", Type.TEXT, null,
            "The 11-character hash of your Android app (Google's SMS Retriever API), which Twilio appends to SMS codes "
                    + "so the app reads them. Blank: none. Only for codes that an Android app of yours signs in with.",
            Place.STEP, Place.PHONE_LOGIN, Place.REALM),

    // The step only.
    ALLOW_PHONE_SETUP("allowPhoneSetup", "Let users add a phone number", Type.BOOLEAN, "true",
            "When on, a user with no phone credential is handed to the required action \"Verify phone number\" (if this "
                    + "step is Required and the action is enabled in the realm), or gets a code to the number in the phone "
                    + "attribute; the sign-in completes once a number is verified. A user whose phone numbers the realm can "
                    + "no longer use is never handed to setup. When off, a user with no phone credential sees a message to "
                    + "contact the administrator: turn it off for a step-up, where only a number verified before may count.",
            Place.STEP),
    RESET_WITHOUT_PHONE("resetWithoutPhone", "Password reset without a verified number", Type.CHOICE,
            word(ResetWithoutPhone.REFUSE), words(ResetWithoutPhone.values()),
            "Only in a reset-credentials flow, for an account without a phone (or no account): refuse shows the same code "
                    + "form, timing and limits as to everyone, and accepts no code; skip lets the next steps of the flow "
                    + "decide (the page then shows whether the account has a phone), and runs only when a Required \"Send "
                    + "Reset Email\" step follows in the same flow: otherwise every reset is refused and the server log "
                    + "says why.",
            Place.STEP),

    // "Remember this device": the step and phone sign-in.
    REMEMBER_DEVICE_DAYS("rememberDeviceDays", "Remember this device (days)", Type.TEXT, "0",
            "0: always ask for a code. 1 to 365: the code form offers \"Don't ask for a code on this device for N days\"; "
                    + "after an approved code with it ticked, that browser gets a signed cookie, and later sign-ins of that "
                    + "user there pass this step without a code until the days are over, the phone number the code went to is "
                    + "removed or replaced, the password changes, an admin signs the user out, or the user forgets their "
                    + "devices (application-initiated action twilio-forget-devices). Only in a sign-in that also proves the "
                    + "password (a password form succeeded before this step, or a Required one is in the same flow, as after "
                    + "phone sign-in): a remembered device never signs anyone in without a password. Never in a password "
                    + "reset, nor in a Level of Authentication sub-flow (a step-up always asks). Lowering the days shortens "
                    + "cookies already given out; 0 stops them all.",
            Place.STEP, Place.PHONE_LOGIN),

    // The realm's phone-number rules: the required action only, read by every step, the action and signup.
    /** The attribute names of Keycloak's built-in {@code phone} client scope. */
    PHONE_ATTRIBUTE("phoneAttribute", "Phone number attribute", Type.TEXT, "phoneNumber",
            "User attribute the plugin writes the user's verified (main) number to, for tokens: phoneNumber is what "
                    + "Keycloak's phone client scope reads. Codes never go to what this attribute says: they go to the "
                    + "user's phone credentials. Only an account without one may take its first number from here (see the "
                    + "next setting).",
            Place.REALM),
    VERIFIED_ATTRIBUTE("phoneVerifiedAttribute", "Phone verified attribute", Type.TEXT, "phoneNumberVerified",
            "User attribute set to true when the number attribute holds one of the user's verified numbers, and back to "
                    + "false when it no longer does.",
            Place.REALM),
    EXISTING_NUMBERS("existingNumbers", "Numbers in the attribute of users without a phone", Type.CHOICE,
            word(ExistingNumbers.TRUST), words(ExistingNumbers.values()),
            "For an account that has no phone credential yet but a number in the attribute (imported, from a directory, "
                    + "set by an admin): trust makes it the account's phone as it is, but only when users cannot edit the "
                    + "attribute in this realm's user profile; verify (and trust, for an attribute users can edit) sends a "
                    + "code to it at the next sign-in, and it becomes the account's phone once the code is approved.",
            Place.REALM),
    /** A main phone and a backup phone, as the large identity services offer. */
    NUMBERS_PER_USER("phoneNumbersPerUser", "Phone numbers per user", Type.CHOICE, "2", List.of("2", "1"),
            "2: a user may keep a backup phone, and the code form offers to send the code to the other number. 1: "
                    + "verifying a new number replaces the old one. Beyond the limit, a newly verified number replaces "
                    + "the oldest.",
            Place.REALM),
    ALLOWED_COUNTRIES("allowedCountries", "Allowed countries", Type.TEXT_LIST, null,
            "Two-letter country codes (such as US, CA) whose numbers may receive codes. Empty: all. A number from "
                    + "elsewhere is refused on the form, before any Twilio request.",
            Place.REALM),
    ONE_ACCOUNT_PER_NUMBER("oneAccountPerNumber", "One account per phone number", Type.BOOLEAN, "false",
            "When on, a number another account already holds is refused once its code is approved (so only someone "
                    + "holding that phone learns it is taken). Required by \"Twilio OTP: sign in with phone number\", "
                    + "which refuses every phone sign-in while it is off. Numbers held by several accounts before it was "
                    + "turned on sign nobody in by phone: the admin decides whose they are.",
            Place.REALM),
    REALM_SEND_LIMIT("realmSendLimit", "Realm-wide send limit", Type.TEXT, SendLimits.DEFAULT_PER_REALM,
            "Most codes the whole realm sends in a window for requests anyone can make: new numbers (this action, "
                    + "signup) and password resets. Stops SMS pumping through open registration. Users signing in to "
                    + "their own verified number do not count, so reaching it never locks them out. Reached: users see "
                    + "\"try again later\", the log gets one warning per window. Such as 300/1h (up to 100000 per s, m, h "
                    + "or d); 0: no limit. Held cluster-wide.",
            Place.REALM),

    // Twilio Lookup before a code goes out (LookupSettings): realm rules of the required action, read by every send.
    LOOKUP_ENABLED("lookupEnabled", "Twilio Lookup before new numbers", Type.BOOLEAN, "false",
            "When on, a number is looked up with Twilio Lookup (line type intelligence) before it gets its first code at "
                    + "enrolment, signup or a change of number, never at an ordinary sign-in; the line types below are "
                    + "refused with a message on the phone form, and cost no Verify request. Lookup bills every request "
                    + "(see Twilio's pricing page); an answer is kept per number for the time set below. Uses the realm's "
                    + "Twilio account.",
            Place.REALM),
    LOOKUP_REFUSED_LINE_TYPES("lookupRefusedLineTypes", "Line types refused", Type.CHOICES,
            lineTypes(LineType.NON_FIXED_VOIP, LineType.PREMIUM, LineType.TOLL_FREE, LineType.SHARED_COST, LineType.UAN,
                    LineType.VOICEMAIL, LineType.PAGER),
            lineTypeOptions(),
            "With Twilio Lookup on: numbers of these line types get no code. A landline not listed here gets one only "
                    + "where the voice channel is offered. none: no line type is refused.",
            Place.REALM),
    LOOKUP_SMS_PUMPING_RISK_THRESHOLD("lookupSmsPumpingRiskThreshold", "SMS pumping risk score refused above", Type.TEXT, null,
            "With Twilio Lookup on: signups and password resets to a number whose SMS pumping risk score (0 to 100) is "
                    + "above this get no code (a reset still looks as if one was sent). Blank: not checked. Lookup's SMS "
                    + "pumping risk package costs more than line type intelligence (see Twilio's pricing page) and is "
                    + "asked once per number and cache time.",
            Place.REALM),
    LOOKUP_SIM_SWAP_PERIOD("lookupSimSwapPeriod", "No reset or step-up code after a SIM swap within", Type.TEXT, null,
            "With Twilio Lookup on: when the SIM behind the number changed this recently (such as 24h, 48h or 7d; 1 hour to "
                    + "30 days), a password reset or step-up gets no code. Blank: not checked. Lookup's SIM swap package "
                    + "costs more than line type intelligence (see Twilio's pricing page), covers some countries and "
                    + "carriers only, and needs Twilio's approval for the account; an answer is reused for 10 minutes.",
            Place.REALM),
    LOOKUP_FAILURE("lookupFailure", "When Twilio Lookup cannot answer", Type.CHOICE, "allow", List.of("allow", "refuse"),
            "An outage, a timeout, or a country or carrier the package does not cover. allow: the code is sent anyway and "
                    + "the server log says why. refuse: no code is sent.",
            Place.REALM),
    LOOKUP_CACHE_LIFETIME("lookupCacheLifetime", "Keep Twilio Lookup answers for", Type.TEXT, "7d",
            "How long an answer about a number is reused, for every account and every node (1m to 90d, such as 12h or "
                    + "7d): a number is looked up once in that time, not at every attempt.",
            Place.REALM),

    // The registration form action "Twilio OTP: phone number at signup".
    /** Required by default, the safe choice: every new account has a number it proved. */
    PHONE_REQUIRED("phoneRequired", "Phone number required", Type.BOOLEAN, "true",
            "On: nobody registers without a phone number, and every new account verifies its number by code before it "
                    + "can be used. Off: the number may be left blank (no verification then); a number that is given is "
                    + "still checked and verified.",
            Place.SIGNUP),
    SIGNUP_DEFAULT_REGION(Keys.DEFAULT_REGION, "Default region", Type.TEXT, null,
            "Two-letter region (such as US or DE) for numbers typed without a country code. Blank: the default region of "
                    + "the required action 'Verify phone number', else numbers must start with +.",
            Place.SIGNUP),

    // Server-wide SPI options (--spi-authenticator--twilio-otp--<key>): no label, the admin console does not edit them.
    SERVER_ACCOUNT_SID("account-sid", null, Type.TEXT, null,
            "Twilio Account SID for steps and realms that leave it blank.", Place.SERVER),
    SERVER_AUTH_TOKEN("auth-token", null, Type.SECRET, null,
            "Twilio Auth Token for steps and realms that leave it blank.", Place.SERVER),
    SERVER_VERIFY_SERVICE_SID("verify-service-sid", null, Type.TEXT, null,
            "Verify Service SID for steps and realms that leave it blank.", Place.SERVER),
    API_BASE_URL("api-base-url", null, Type.TEXT, TransportSettings.TWILIO_VERIFY_URL.toString(),
            "Base URL of the Verify API (server-wide only).", Place.SERVER),
    /** Short enough that a login page does not hang; long enough for Twilio's usual 100-500 ms. */
    CONNECT_TIMEOUT_MS("connect-timeout-ms", null, Type.NUMBER, "2000",
            "Milliseconds to wait for a connection to Twilio.", Place.SERVER),
    READ_TIMEOUT_MS("read-timeout-ms", null, Type.NUMBER, "5000",
            "Milliseconds to wait for Twilio's answer.", Place.SERVER),
    LOOKUP_API_BASE_URL("lookup-api-base-url", null, Type.TEXT, LookupGateways.TWILIO_LOOKUP_URL.toString(),
            "Base URL of the Lookup API (server-wide only; Lookup is another host than Verify at Twilio).", Place.SERVER);

    /** What the admin console shows for a setting. */
    public enum Type {
        TEXT, SECRET, BOOLEAN, NUMBER,
        /** One of the options. */
        CHOICE,
        /** Any of the options, stored as Keycloak stores a multi-valued list ("sms##call"). */
        CHOICES,
        /** Free texts, stored as a multi-valued list ("US##CA"). */
        TEXT_LIST
    }

    /** Where a setting can be set. */
    public enum Place {
        /** The gear of a "Twilio OTP" step in a flow: one value per execution. */
        STEP,
        /** The gear of a "Twilio OTP: sign in with phone number" step: its Twilio account, channels, region and caps. */
        PHONE_LOGIN,
        /** The gear of the required action "Verify phone number": one value per realm, its rules and its account. */
        REALM,
        /** The gear of the registration form action "Twilio OTP: phone number at signup". */
        SIGNUP,
        /** A server-wide SPI option of the "Twilio OTP" step's provider. */
        SERVER
    }

    /** Keys that have two rows. */
    private static final class Keys {
        static final String AUTH_TOKEN = "authToken";
        static final String DEFAULT_REGION = "defaultRegion";
    }

    private final String key;
    private final String label;
    private final Type type;
    private final String defaultValue;
    private final List<String> options;
    private final String help;
    private final Set<Place> places;

    Setting(String key, String label, Type type, String defaultValue, String help, Place... places) {
        this(key, label, type, defaultValue, List.of(), help, places);
    }

    Setting(String key, String label, Type type, String defaultValue, List<String> options, String help, Place... places) {
        this.key = key;
        this.label = label;
        this.type = type;
        this.defaultValue = defaultValue;
        this.options = options;
        this.help = help;
        this.places = Set.copyOf(EnumSet.of(places[0], places));
    }

    /** The name it is stored under (a config map's key, or the SPI option's name). */
    public String key() {
        return key;
    }

    /** The field's label in the admin console; null for server options. */
    public String label() {
        return label;
    }

    public Type type() {
        return type;
    }

    /** What a blank value means; null when blank means "not set". */
    public String defaultValue() {
        return defaultValue;
    }

    /** The choices of a {@link Type#CHOICE} or {@link Type#CHOICES} setting, in the order shown; empty otherwise. */
    public List<String> options() {
        return options;
    }

    public String help() {
        return help;
    }

    public boolean appliesTo(Place place) {
        return places.contains(place);
    }

    /** The rows that can be set at this place, in the order the admin console shows them. */
    public static List<Setting> at(Place place) {
        return Arrays.stream(values()).filter(s -> s.appliesTo(place)).toList();
    }

    /** This setting's value in a config map; its default when the map lacks it or holds a blank. */
    public String in(Map<String, String> values) {
        String value = values == null ? null : values.get(key);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static String accountHelp(String serverOption, String environmentVariable) {
        return "Set it once for the realm on the required action \"Verify phone number\"; a step's own value overrides it "
                + "for that step. Blank on a step: the realm's; blank on the required action: that of the step that "
                + "handed the user over. Then the server option " + serverOption + ", else the " + environmentVariable
                + " environment variable.";
    }

    private static List<String> channels() {
        return Arrays.stream(Channel.values()).map(Channel::wireName).toList();
    }

    /** Line types as the admin console stores a multi-valued list ("nonFixedVoip##premium"). */
    private static String lineTypes(LineType... types) {
        return String.join("##", Arrays.stream(types).map(LineType::wireName).toList());
    }

    /** Every line type, and "none" to refuse none (a blank list means the default ones). */
    private static List<String> lineTypeOptions() {
        List<String> options = new ArrayList<>(Arrays.stream(LineType.values()).map(LineType::wireName).toList());
        options.add(LookupSettings.NO_LINE_TYPE);
        return List.copyOf(options);
    }

    /** An enum constant as the admin console stores it: lower case. */
    private static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> words(Enum<?>... constants) {
        return Arrays.stream(constants).map(Setting::word).toList();
    }
}

package io.github.kctwilio.otp.verify;

import java.util.Locale;
import java.util.Set;

/**
 * Maps the login page's locale onto a locale Twilio Verify speaks, so the SMS, call and email use the language of
 * the page. Unknown languages fall back to English.
 */
public final class VerifyLocales {

    /** The locales Twilio Verify documents for its SMS, voice and email templates. */
    private static final Set<String> SUPPORTED = Set.of(
            "af", "ar", "ca", "cs", "da", "de", "el", "en", "en-GB", "es", "et", "fi", "fr", "he", "hi", "hr", "hu",
            "id", "it", "ja", "ko", "ms", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sv", "th", "tl", "tr", "vi",
            "zh", "zh-CN", "zh-HK");
    private static final String FALLBACK = "en";

    private VerifyLocales() {
    }

    public static String forLocale(Locale locale) {
        if (locale == null || locale.getLanguage().isEmpty()) {
            return FALLBACK;
        }
        String language = locale.getLanguage();
        String country = locale.getCountry();
        if (language.equals("zh")) {
            // Keycloak's Simplified Chinese is zh-CN (or the script Hans); Traditional (Hant, TW, HK) reads zh-HK best.
            boolean traditional = "Hant".equals(locale.getScript()) || country.equals("TW") || country.equals("HK");
            return traditional ? "zh-HK" : "zh-CN";
        }
        if (language.equals("no") || language.equals("nn")) {
            return "nb";
        }
        if (language.equals("iw")) {
            return "he";
        }
        String withCountry = language + "-" + country;
        if (!country.isEmpty() && SUPPORTED.contains(withCountry)) {
            return withCountry;
        }
        return SUPPORTED.contains(language) ? language : FALLBACK;
    }
}

package io.github.kctwilio.otp.i18n;

import io.github.kctwilio.otp.keycloak.page.OtpMessages;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kctwilio.otp.verify.Channel;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the message bundles, the Java code and the templates in step. Paths are relative to the project base
 * directory, which is Maven's working directory for tests.
 */
class MessageBundlesTest {

    private static final Path BASE_DIR = Path.of(System.getProperty("basedir", "."));
    private static final Path MESSAGES = BASE_DIR.resolve("themes/twilio-otp/messages");
    private static final Path TEMPLATES = BASE_DIR.resolve("themes/twilio-otp/templates");
    private static final Path ENGLISH = MESSAGES.resolve("messages_en.properties");
    private static final Path OTP_MESSAGES = BASE_DIR.resolve("src/main/java/io/github/kctwilio/otp/keycloak/page/OtpMessages.java");

    /** {@code = "twilioOtpWrongCode"} in a constant declaration. */
    private static final Pattern STRING_CONSTANT = Pattern.compile("=\\s*\"([^\"]*)\"");
    /** {@code msg("key")}, {@code msg('key', x)} and {@code msg("prefix_" + expr)} in FreeMarker. */
    private static final Pattern TEMPLATE_MSG = Pattern.compile("\\bmsg\\(\\s*([\"'])([^\"']*)\\1\\s*(\\+)?");
    /** {0}, {1}, ... in a MessageFormat pattern. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    /** The languages we ship, as Keycloak's locale codes (the "locales" of its login theme.properties). */
    private static final List<String> SHIPPED_LOCALES =
            List.of("en", "de", "fr", "es", "it", "pt-BR", "nl", "pl", "ja", "zh-CN", "tr", "sv");

    static Stream<Path> bundles() throws IOException {
        try (Stream<Path> files = Files.list(MESSAGES)) {
            return files.filter(p -> p.getFileName().toString().matches("messages_.+\\.properties")).sorted().toList().stream();
        }
    }

    private static Properties load(Path bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> englishKeys() throws IOException {
        return load(ENGLISH).stringPropertyNames();
    }

    @Test
    void englishBundleExistsAndHasMessages() throws IOException {
        assertThat(ENGLISH).isRegularFile();
        assertThat(englishKeys()).contains("twilioOtpCodeTitle", "twilioOtpWrongCode").hasSizeGreaterThan(10);
        assertThat(bundles()).contains(ENGLISH);
    }

    /**
     * Keycloak looks up a provider jar's theme-resources messages as {@code messages_ + locale.toString()}
     * (ClasspathThemeResourceProviderFactory, FlatClasspathThemeResourceProviderFactory), without the zh-CN to
     * zh-Hans mapping its own themes get (FileBasedTheme). Simplified Chinese, locale code zh-CN, is therefore
     * messages_zh_CN, not messages_zh_Hans like Keycloak's own bundle.
     */
    @Test
    void everyShippedLocaleHasTheBundleNameKeycloakLooksUp() throws IOException {
        Set<String> names = bundles().map(p -> p.getFileName().toString()).collect(Collectors.toSet());

        for (String tag : SHIPPED_LOCALES) {
            assertThat(names).as("bundle for Keycloak locale %s", tag)
                    .contains("messages_" + Locale.forLanguageTag(tag) + ".properties");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void bundleNameIsOneKeycloakCanLookUp(Path bundle) {
        String suffix = bundle.getFileName().toString().replaceFirst("^messages_(.+)\\.properties$", "$1");

        assertThat(Locale.forLanguageTag(suffix.replace('_', '-')).toString())
                .as("%s is never loaded: no locale's toString() is %s", bundle.getFileName(), suffix)
                .isEqualTo(suffix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void bundleHasEveryKeyOfTheEnglishBundle(Path bundle) throws IOException {
        Set<String> missing = new TreeSet<>(englishKeys());
        missing.removeAll(load(bundle).stringPropertyNames());

        assertThat(missing).as("keys of messages_en.properties missing from %s", bundle.getFileName()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void bundleHasNoKeysUnknownToTheEnglishBundle(Path bundle) throws IOException {
        Set<String> extra = new TreeSet<>(load(bundle).stringPropertyNames());
        extra.removeAll(englishKeys());

        assertThat(extra).as("stale keys in %s", bundle.getFileName()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void everyMessageIsNonBlankAndAValidMessageFormatWithTheEnglishPlaceholders(Path bundle) throws IOException {
        Properties english = load(ENGLISH);
        Properties translated = load(bundle);
        List<String> problems = new ArrayList<>();
        for (String key : translated.stringPropertyNames()) {
            String message = translated.getProperty(key);
            if (message.isBlank()) {
                problems.add(key + ": blank");
                continue;
            }
            // Keycloak formats messages with java.text.MessageFormat: a lone apostrophe swallows text.
            if (message.matches("(?s).*(?<!')'(?!').*")) {
                problems.add(key + ": single apostrophe (write '' or \u2019)");
            }
            try {
                new MessageFormat(message);
            } catch (IllegalArgumentException e) {
                problems.add(key + ": not a MessageFormat pattern (" + e.getMessage() + ")");
            }
            String reference = english.getProperty(key);
            if (reference != null && !placeholders(reference).equals(placeholders(message))) {
                problems.add(key + ": placeholders " + placeholders(message) + " but English has " + placeholders(reference));
            }
        }
        assertThat(problems).as("problems in %s", bundle.getFileName()).isEmpty();
    }

    /** The minutes are a number (CodeDelivery passes a long), so a MessageFormat choice can pick the singular. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void sendLimitFormatsOneAndManyMinutes(Path bundle) throws IOException {
        String message = load(bundle).getProperty("twilioOtpSendLimit");

        assertThat(new MessageFormat(message, Locale.ROOT).format(new Object[] {1L})).doesNotContain("{");
        assertThat(new MessageFormat(message, Locale.ROOT).format(new Object[] {5L})).contains("5").doesNotContain("{");
    }

    @Test
    void englishSendLimitSaysOneMinuteInTheSingular() throws IOException {
        String message = load(ENGLISH).getProperty("twilioOtpSendLimit");

        assertThat(MessageFormat.format(message, 1L)).isEqualTo("Too many codes were requested. Try again in 1 minute.");
        assertThat(MessageFormat.format(message, 5L)).isEqualTo("Too many codes were requested. Try again in 5 minutes.");
    }

    /**
     * The countdown's argument is HTML (the span the script counts down), not a number: no choice can read it, so every
     * language writes the unit in a form that is right for 1 as for 30.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void resendCountdownTakesItsArgumentAsTextWithoutAChoice(Path bundle) throws IOException {
        String message = load(bundle).getProperty("twilioOtpResendWait");

        assertThat(message).doesNotContain(",choice");
        assertThat(MessageFormat.format(message, "<span>1</span>")).contains("<span>1</span>");
    }

    @Test
    void englishCountdownNeverSaysOneSeconds() throws IOException {
        assertThat(MessageFormat.format(load(ENGLISH).getProperty("twilioOtpResendWait"), "1"))
                .isEqualTo("You can ask for a new code in 1 s.");
    }

    @Test
    void frenchPutsANoBreakSpaceBeforeDoublePunctuation() throws IOException {
        Properties french = load(MESSAGES.resolve("messages_fr.properties"));

        for (String key : french.stringPropertyNames()) {
            assertThat(french.getProperty(key)).as(key).doesNotContainPattern(" [:;?!]");
        }
    }

    @Test
    void simplifiedChineseSpellsAccountOneWay() throws IOException {
        Properties chinese = load(MESSAGES.resolve("messages_zh_CN.properties"));

        for (String key : chinese.stringPropertyNames()) {
            assertThat(chinese.getProperty(key)).as(key).doesNotContain("\u5e10\u6237");
        }
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(message);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyMessageKeyConstantInOtpMessagesExistsInEnglish() throws IOException {
        Set<String> constants = new TreeSet<>();
        Matcher m = STRING_CONSTANT.matcher(Files.readString(OTP_MESSAGES, StandardCharsets.UTF_8));
        while (m.find()) {
            constants.add(m.group(1));
        }
        assertThat(constants).as("string constants parsed from OtpMessages.java").hasSizeGreaterThan(10)
                .contains("twilioOtpWrongCode");

        Set<String> missing = new TreeSet<>(constants);
        missing.removeAll(englishKeys());

        assertThat(missing).as("OtpMessages keys missing from messages_en.properties").isEmpty();
    }

    @Test
    void everyMsgKeyInTheTemplatesExistsInEnglish() throws IOException {
        Set<String> referenced = templateKeys();
        assertThat(referenced).as("keys found in the templates")
                .contains("twilioOtpCodeTitle", "twilioOtpPhoneTitle", "twilioOtpCodeSent_sms");

        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(englishKeys());

        assertThat(missing).as("template keys missing from messages_en.properties").isEmpty();
    }

    @Test
    void concatenatedTemplateKeysAreExpandedForEveryChannel() throws IOException {
        Set<String> channelKeys = templateKeys().stream().filter(k -> k.startsWith("twilioOtpCodeSent_")).collect(Collectors.toSet());

        assertThat(channelKeys).containsExactlyInAnyOrder(
                "twilioOtpCodeSent_sms", "twilioOtpCodeSent_call", "twilioOtpCodeSent_whatsapp", "twilioOtpCodeSent_email");
        assertThat(englishKeys()).containsAll(channelKeys);
    }

    /** Literal keys as they are; a key built as {@code "prefix" + expr} once per channel wire name. */
    private static Set<String> templateKeys() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            templates = files.filter(p -> p.toString().endsWith(".ftl")).sorted().toList();
        }
        assertThat(templates).as("templates in %s", TEMPLATES).isNotEmpty();

        Set<String> keys = new TreeSet<>();
        for (Path template : templates) {
            Matcher m = TEMPLATE_MSG.matcher(Files.readString(template, StandardCharsets.UTF_8));
            while (m.find()) {
                String key = m.group(2);
                if (m.group(3) == null) {
                    keys.add(key);
                } else {
                    for (Channel channel : Channel.values()) {
                        keys.add(key + channel.wireName());
                    }
                }
            }
        }
        return keys;
    }
}

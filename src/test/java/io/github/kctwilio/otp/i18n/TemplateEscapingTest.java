package io.github.kctwilio.otp.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text a realm admin can override (messages, realm localization texts) and every value the server fills in is
 * HTML-escaped by FreeMarker, unless a template turns escaping off with {@code ?no_esc}. Such an interpolation must
 * go through Keycloak's sanitizer ({@code kcSanitize}), as Keycloak's own templates do for their HTML messages.
 * The realm-override attack itself is proven in a real Keycloak by RealmMessageOverrideIT.
 */
class TemplateEscapingTest {

    private static final Path TEMPLATES = Path.of(System.getProperty("basedir", ".")).resolve("themes/twilio-otp/templates");
    /** An interpolation {@code ${ ... }} and the expression inside it (FreeMarker ends it at the first closing brace). */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([^}]*)}");

    @Test
    void everyUnescapedInterpolationOfOurTemplatesIsSanitizedByKeycloak() throws IOException {
        List<String> unescaped = new ArrayList<>();
        List<String> unsanitized = new ArrayList<>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path template : files.filter(f -> f.toString().endsWith(".ftl")).sorted().toList()) {
                Matcher m = INTERPOLATION.matcher(Files.readString(template));
                while (m.find()) {
                    String expression = m.group(1).trim();
                    if (!expression.endsWith("?no_esc")) {
                        continue;
                    }
                    unescaped.add(template.getFileName() + ": " + expression);
                    if (!expression.matches("kcSanitize\\(.*\\)\\?no_esc")) {
                        unsanitized.add(template.getFileName() + ": " + expression);
                    }
                }
            }
        }
        assertThat(unescaped).as("the templates print the per-field errors raw (the scan looks where it matters)").isNotEmpty();
        assertThat(unsanitized).as("?no_esc without kcSanitize").isEmpty();
    }
}

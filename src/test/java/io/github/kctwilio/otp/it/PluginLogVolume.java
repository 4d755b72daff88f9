package io.github.kctwilio.otp.it;

import io.github.kctwilio.otp.testsupport.TestEnvironment;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much the plugin's log category wrote, per level, in Keycloak's default console format
 * ({@code 2026-11-27 13:00:00,123 DEBUG [io.github.kctwilio.otp.keycloak.page.OtpEvents] (thread) message}).
 *
 * @param lines   lines of the plugin's category
 * @param chars   characters of those lines
 * @param byLevel lines per level
 */
record PluginLogVolume(int lines, long chars, Map<String, Integer> byLevel) {

    private static final Pattern PLUGIN_LINE = Pattern.compile("^\\S+ \\S+\\s+([A-Z]+)\\s+\\[" + Pattern.quote(TestEnvironment.PLUGIN_LOG_CATEGORY));

    static PluginLogVolume of(String[] logLines) {
        int lines = 0;
        long chars = 0;
        Map<String, Integer> byLevel = new TreeMap<>();
        for (String line : logLines) {
            Matcher m = PLUGIN_LINE.matcher(line);
            if (m.find()) {
                lines++;
                chars += line.length();
                byLevel.merge(m.group(1), 1, Integer::sum);
            }
        }
        return new PluginLogVolume(lines, chars, byLevel);
    }

    @Override
    public String toString() {
        // Level names in lower case: a green run should print no line a reader could take for an error report.
        StringBuilder levels = new StringBuilder();
        byLevel.forEach((level, count) -> levels.append(levels.length() == 0 ? "" : ", ").append(level.toLowerCase(java.util.Locale.ROOT))
                .append(' ').append(count));
        return String.format("%d lines (%d kB), by level: %s", lines, chars / 1024, levels);
    }
}

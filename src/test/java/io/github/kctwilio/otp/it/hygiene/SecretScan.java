package io.github.kctwilio.otp.it.hygiene;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;

/** Looks for secrets in named texts (log lines, events) and reports each hit with where it was. */
public final class SecretScan {

    /** A text to scan and where it comes from, e.g. "keycloak.log line 42" or "events of otp, LOGIN_ERROR". */
    public record Source(String where, String text) {
    }

    private SecretScan() {
    }

    /** One line per hit: what was found, where, and the text around it. */
    public static List<String> findings(Collection<Source> sources, Collection<Secret> secrets) {
        List<String> findings = new ArrayList<>();
        for (Source source : sources) {
            for (Secret secret : secrets) {
                for (var pattern : secret.patterns()) {
                    Matcher m = pattern.matcher(source.text());
                    if (m.find()) {
                        findings.add(String.format("%s %s in %s: ...%s...", secret.kind(), secret.name(), source.where(),
                                context(source.text(), m.start(), m.end())));
                        break;
                    }
                }
            }
        }
        return findings;
    }

    private static String context(String text, int start, int end) {
        String before = text.substring(Math.max(0, start - 60), start);
        String after = text.substring(end, Math.min(text.length(), end + 60));
        return (before + "[HERE]" + after).replaceAll("\\s+", " ");
    }
}

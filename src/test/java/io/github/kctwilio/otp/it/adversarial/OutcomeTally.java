package io.github.kctwilio.otp.it.adversarial;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts adversarial requests by group and outcome, and prints them as a table for the note. */
public final class OutcomeTally {

    private final Map<String, Map<Outcome, Integer>> counts = new LinkedHashMap<>();
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    public synchronized void record(String group, Outcome outcome, String label, int status, String detail) {
        counts.computeIfAbsent(group, g -> new EnumMap<>(Outcome.class)).merge(outcome, 1, Integer::sum);
        lines.add(String.format("%-16s | %-72s | %3d | %-24s | %s", group, label, status, outcome, detail));
        if (outcome == Outcome.SERVER_ERROR) {
            serverErrors.add(group + ": " + label);
        }
    }

    public synchronized int total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    public synchronized int count(Outcome outcome) {
        return counts.values().stream().mapToInt(m -> m.getOrDefault(outcome, 0)).sum();
    }

    public synchronized int count(String group, Outcome outcome) {
        return counts.getOrDefault(group, Map.of()).getOrDefault(outcome, 0);
    }

    public synchronized int groupTotal(String group) {
        return counts.getOrDefault(group, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line per request: group, input, HTTP status, outcome, what Keycloak said. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    /** Rows: outcomes that occurred; columns: groups; plus totals. */
    public synchronized String table() {
        List<String> groups = new ArrayList<>(counts.keySet());
        StringBuilder out = new StringBuilder();
        int width = java.util.Arrays.stream(Outcome.values()).mapToInt(o -> o.description().length()).max().orElse(10);
        String rowFormat = "| %-" + width + "s |" + " %s |".repeat(groups.size()) + " %5s |%n";
        List<Object> header = new ArrayList<>(List.of("outcome"));
        groups.forEach(header::add);
        header.add("total");
        out.append(String.format(rowFormat, header.toArray()));
        List<Object> rule = new ArrayList<>(List.of("-".repeat(width)));
        groups.forEach(g -> rule.add("-".repeat(g.length())));
        rule.add("-----");
        out.append(String.format(rowFormat, rule.toArray()));
        for (Outcome outcome : Outcome.values()) {
            int sum = count(outcome);
            if (sum == 0 && outcome != Outcome.SERVER_ERROR) {
                continue;
            }
            List<Object> row = new ArrayList<>(List.of(outcome.description()));
            for (String group : groups) {
                row.add(pad(counts.get(group).getOrDefault(outcome, 0), group.length()));
            }
            row.add(sum);
            out.append(String.format(rowFormat, row.toArray()));
        }
        List<Object> totals = new ArrayList<>(List.of("all inputs"));
        groups.forEach(g -> totals.add(pad(groupTotal(g), g.length())));
        totals.add(total());
        out.append(String.format(rowFormat, totals.toArray()));
        return out.toString();
    }

    private static String pad(int value, int width) {
        return String.format("%" + width + "d", value);
    }
}

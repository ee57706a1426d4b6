package io.phishfence.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A scrape of {@code /q/metrics} in the Prometheus text format, read the way Prometheus reads it: one sample per
 * line, {@code name{label="value",...} number}. Tests ask for a metric by name and some of its labels.
 */
public final class PrometheusScrape {

    private final String text;

    public PrometheusScrape(String text) {
        this.text = text;
    }

    /**
     * The sum of every sample of {@code name} whose labels include {@code labels} (name, value, name, value...);
     * empty when there is none.
     */
    public OptionalDouble sum(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        boolean found = false;
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            Map<String, String> sampleLabels = new LinkedHashMap<>();
            if (rest.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                parseLabels(rest.substring(1, close), sampleLabels);
                rest = rest.substring(close + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // a longer name with this one as prefix
            }
            if (sampleLabels.entrySet().containsAll(wanted.entrySet())) {
                found = true;
                sum += Double.parseDouble(rest.trim().split(" ")[0]);
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** Like {@link #sum}, 0 when there is no such sample. */
    public double value(String name, String... labels) {
        return sum(name, labels).orElse(0);
    }

    private static void parseLabels(String labels, Map<String, String> into) {
        int i = 0;
        while (i < labels.length()) {
            int eq = labels.indexOf('=', i);
            String key = labels.substring(i, eq).trim();
            var value = new StringBuilder();
            int j = eq + 2; // past ="
            while (labels.charAt(j) != '"') {
                if (labels.charAt(j) == '\\') {
                    j++;
                }
                value.append(labels.charAt(j++));
            }
            into.put(key, value.toString());
            i = j + 1;
            if (i < labels.length() && labels.charAt(i) == ',') {
                i++;
            }
        }
    }
}

package io.phishfence.monitor.mtasts;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an MTA-STS policy file (RFC 8461 3.2). Pure. Unknown keys are ignored as the RFC asks; of a repeated
 * key the first counts; {@code mx} may repeat.
 */
public final class StsPolicyParser {

    /** RFC 8461 3.2: max_age is at most 31557600 seconds (about a year). */
    static final long MAX_AGE_LIMIT = 31_557_600L;
    /** Below a day, senders refetch so often that the policy protects little against a downgrade. */
    static final long MAX_AGE_ADVISED_MINIMUM = 86_400L;

    private StsPolicyParser() {
    }

    /**
     * @param text the body of the policy file
     * @param exampleMx the domain's MX hosts, to suggest mx lines in fixes
     */
    public static Parsed<StsPolicy> parse(String text, List<String> exampleMx) {
        String fix = suggestedPolicy(exampleMx);
        var findings = new ArrayList<Finding>();
        if (text.contains("\n") && !text.contains("\r\n")) {
            findings.add(Finding.info("MTA_STS_POLICY_LF_LINE_ENDINGS",
                    "The policy's lines end in LF, not CRLF as RFC 8461 says; most senders accept it."));
        }
        String version = null;
        String mode = null;
        String maxAge = null;
        var mx = new ArrayList<String>();
        Set<String> seen = new HashSet<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (!"mx".equals(key) && !seen.add(key)) {
                findings.add(Finding.warning("MTA_STS_POLICY_DUPLICATE_KEY",
                        "The policy sets \"" + key + "\" more than once; senders use the first.", fix));
                continue;
            }
            switch (key) {
                case "version" -> version = value;
                case "mode" -> mode = value;
                case "max_age" -> maxAge = value;
                case "mx" -> mx.add(value);
                default -> {
                    // RFC 8461 3.2: unknown fields are ignored.
                }
            }
        }

        var errors = new ArrayList<Finding>();
        if (!"STSv1".equals(version)) {
            errors.add(Finding.error("MTA_STS_POLICY_VERSION_INVALID", version == null
                    ? "The policy has no \"version: STSv1\" line."
                    : "The policy's version is \"" + version + "\"; only STSv1 exists.", fix));
        }
        StsPolicy.Mode parsedMode = parseMode(mode, errors, fix);
        Duration age = parseMaxAge(maxAge, errors, findings, fix);
        for (String pattern : mx) {
            if (!MxPatterns.isValid(pattern)) {
                errors.add(Finding.error("MTA_STS_MX_PATTERN_INVALID",
                        "\"" + pattern + "\" is not a host name or a *.-pattern (RFC 8461 4.1).", fix));
            }
        }
        if (mx.isEmpty() && parsedMode != StsPolicy.Mode.NONE) {
            errors.add(Finding.error("MTA_STS_POLICY_NO_MX",
                    "The policy lists no mx: line, so no mail server of this domain is allowed to receive mail.", fix));
        }
        if (!errors.isEmpty()) {
            errors.addAll(findings);
            return new Parsed.Invalid<>(errors);
        }
        if (parsedMode == StsPolicy.Mode.TESTING) {
            findings.add(Finding.info("MTA_STS_MODE_TESTING", "The policy is in testing mode: senders report failures "
                    + "(TLS-RPT) but still deliver. Switch to enforce once the reports are clean."));
        } else if (parsedMode == StsPolicy.Mode.NONE) {
            findings.add(Finding.warning("MTA_STS_MODE_NONE", "The policy's mode is none: senders treat the domain "
                    + "as having no MTA-STS policy.", fix));
        }
        return new Parsed.Valid<>(new StsPolicy(parsedMode, age, mx), findings);
    }

    private static StsPolicy.Mode parseMode(String mode, List<Finding> errors, String fix) {
        if (mode != null) {
            switch (mode) {
                case "enforce":
                    return StsPolicy.Mode.ENFORCE;
                case "testing":
                    return StsPolicy.Mode.TESTING;
                case "none":
                    return StsPolicy.Mode.NONE;
                default:
                    break;
            }
        }
        errors.add(Finding.error("MTA_STS_POLICY_MODE_INVALID", mode == null
                ? "The policy has no mode: line."
                : "The policy's mode is \"" + mode + "\"; it must be enforce, testing or none (lower case).", fix));
        return null;
    }

    private static Duration parseMaxAge(String maxAge, List<Finding> errors, List<Finding> warnings, String fix) {
        long seconds;
        try {
            seconds = maxAge == null || !maxAge.matches("[0-9]{1,10}") ? -1 : Long.parseLong(maxAge);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > MAX_AGE_LIMIT) {
            errors.add(Finding.error("MTA_STS_POLICY_MAX_AGE_INVALID", maxAge == null
                    ? "The policy has no max_age: line."
                    : "max_age \"" + maxAge + "\" is not a whole number of seconds from 0 to 31557600.", fix));
            return null;
        }
        if (seconds < MAX_AGE_ADVISED_MINIMUM) {
            warnings.add(Finding.warning("MTA_STS_POLICY_MAX_AGE_SHORT", "max_age is " + seconds + " seconds; with "
                    + "less than a day senders forget the policy quickly. One to several weeks is usual (604800+).",
                    fix));
        }
        return Duration.ofSeconds(seconds);
    }

    /** A policy in testing mode for the domain's real MX hosts: the safe first step. */
    static String suggestedPolicy(List<String> mxHosts) {
        var policy = new StringBuilder("version: STSv1\r\nmode: testing\r\n");
        for (String host : mxHosts) {
            policy.append("mx: ").append(host.endsWith(".") ? host.substring(0, host.length() - 1) : host).append("\r\n");
        }
        return policy.append("max_age: 604800\r\n").toString();
    }
}

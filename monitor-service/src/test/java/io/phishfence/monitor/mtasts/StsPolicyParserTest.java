package io.phishfence.monitor.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StsPolicyParserTest {

    static final List<String> MX = List.of("mx1.example.com.", "mx2.example.com.");

    static Parsed<StsPolicy> parse(String text) {
        return StsPolicyParser.parse(text, MX);
    }

    static List<String> codes(Parsed<?> parsed) {
        return parsed.findings().stream().map(Finding::code).toList();
    }

    @Test
    void readsAnEnforcedPolicy() {
        var valid = assertInstanceOf(Parsed.Valid.class,
                parse("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n"));
        var policy = (StsPolicy) valid.value();
        assertEquals(StsPolicy.Mode.ENFORCE, policy.mode());
        assertEquals(Duration.ofDays(7), policy.maxAge());
        assertEquals(List.of("mx1.example.com", "*.example.net"), policy.mx());
        assertTrue(valid.warnings().isEmpty());
    }

    @Test
    void lfLineEndingsAreAcceptedWithANote() {
        var parsed = parse("version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n");
        assertInstanceOf(Parsed.Valid.class, parsed);
        assertEquals(List.of("MTA_STS_POLICY_LF_LINE_ENDINGS"), codes(parsed));
    }

    @Test
    void unknownKeysAreIgnoredAndTheFirstOfARepeatedKeyCounts() {
        var parsed = parse("version: STSv1\r\nmode: enforce\r\nmode: none\r\nfoo: bar\r\nmx: mx1.example.com\r\nmax_age: 86400\r\n");
        var valid = assertInstanceOf(Parsed.Valid.class, parsed);
        assertEquals(StsPolicy.Mode.ENFORCE, ((StsPolicy) valid.value()).mode());
        assertEquals(List.of("MTA_STS_POLICY_DUPLICATE_KEY"), codes(parsed));
    }

    @Test
    void testingAndNoneAreExplained() {
        assertEquals(List.of("MTA_STS_MODE_TESTING"),
                codes(parse("version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmax_age: 604800\r\n")));
        assertEquals(List.of("MTA_STS_MODE_NONE"), codes(parse("version: STSv1\r\nmode: none\r\nmax_age: 604800\r\n")));
    }

    @Test
    void everyMissingOrWrongFieldIsNamed() {
        var parsed = parse("mode: Enforce\r\nmax_age: 40000000\r\nmx: bad_host\r\n");
        assertInstanceOf(Parsed.Invalid.class, parsed);
        assertEquals(List.of("MTA_STS_POLICY_VERSION_INVALID", "MTA_STS_POLICY_MODE_INVALID",
                "MTA_STS_POLICY_MAX_AGE_INVALID", "MTA_STS_MX_PATTERN_INVALID"), codes(parsed));
    }

    @Test
    void anEnforcedPolicyWithoutMxIsAnError() {
        var parsed = parse("version: STSv1\r\nmode: enforce\r\nmax_age: 604800\r\n");
        assertEquals(List.of("MTA_STS_POLICY_NO_MX"), codes(parsed));
        assertEquals("version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: mx2.example.com\r\nmax_age: 604800\r\n",
                parsed.findings().get(0).fix(), "the fix lists the domain's real MX hosts");
    }

    @Test
    void aShortMaxAgeIsAWarning() {
        assertEquals(List.of("MTA_STS_POLICY_MAX_AGE_SHORT"),
                codes(parse("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 3600\r\n")));
    }

    @Test
    void aPolicyCoversItsMxHostsByPattern() {
        var policy = new StsPolicy(StsPolicy.Mode.ENFORCE, Duration.ofDays(7), List.of("mx1.example.com", "*.example.net"));
        assertTrue(policy.covers("MX1.example.com."));
        assertTrue(policy.covers("a.example.net"));
        assertFalse(policy.covers("a.b.example.net"), "the wildcard is one label");
        assertFalse(policy.covers("example.net"));
        assertFalse(policy.covers("mx2.example.com"));
    }
}

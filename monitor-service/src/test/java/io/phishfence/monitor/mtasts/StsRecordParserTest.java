package io.phishfence.monitor.mtasts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.phishfence.monitor.check.Parsed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StsRecordParserTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:15:00Z"), ZoneOffset.UTC);

    static Parsed<StsRecord> parse(String... records) {
        return StsRecordParser.parse(List.of(records), CLOCK);
    }

    @Test
    void readsTheId() {
        var valid = assertInstanceOf(Parsed.Valid.class, parse("v=STSv1; id=20260101T000000"));
        assertEquals(new StsRecord("20260101T000000"), valid.value());
    }

    @Test
    void acceptsExtensionFieldsAndNoSpaces() {
        assertInstanceOf(Parsed.Valid.class, parse("v=STSv1;id=abc123;ext=1"));
    }

    @Test
    void missingRecordSuggestsOneWithATimestampId() {
        var parsed = parse("v=spf1 -all");
        assertEquals("MTA_STS_RECORD_MISSING", parsed.findings().get(0).code());
        assertEquals("v=STSv1; id=202611291015", parsed.findings().get(0).fix());
    }

    @Test
    void versionIsCaseSensitive() {
        assertEquals("MTA_STS_RECORD_INVALID", parse("v=stsv1; id=1").findings().get(0).code());
    }

    @Test
    void twoRecordsAreNone() {
        assertEquals("MTA_STS_MULTIPLE_RECORDS", parse("v=STSv1; id=1", "v=STSv1; id=2").findings().get(0).code());
    }

    @Test
    void theIdIsOneTo32LettersAndDigits() {
        assertEquals("MTA_STS_RECORD_ID_INVALID", parse("v=STSv1; id=2026-01-01").findings().get(0).code());
        assertEquals("MTA_STS_RECORD_ID_INVALID", parse("v=STSv1; id=" + "a".repeat(33)).findings().get(0).code());
        assertEquals("MTA_STS_RECORD_ID_MISSING", parse("v=STSv1;").findings().get(0).code());
    }
}

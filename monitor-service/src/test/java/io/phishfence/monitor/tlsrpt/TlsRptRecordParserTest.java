package io.phishfence.monitor.tlsrpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.monitor.check.Parsed;
import io.phishfence.monitor.check.Severity;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsRptRecordParserTest {

    static final String OURS = "mailto:tok@reports.phishfence.example,https://ingest.phishfence.example/tlsrpt/tok";

    static Parsed<TlsRptRecord> parse(String... records) {
        return TlsRptRecordParser.parse(List.of(records), OURS);
    }

    static String onlyCode(Parsed<?> parsed) {
        assertEquals(1, parsed.findings().size(), parsed.findings().toString());
        return parsed.findings().get(0).code();
    }

    @Test
    void readsBothKindsOfReportingAddress() {
        var parsed = assertInstanceOf(Parsed.Valid.class,
                parse("v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://reports.example.com/v1"));
        var record = (TlsRptRecord) parsed.value();
        assertEquals(List.of(URI.create("mailto:tlsrpt@example.com"), URI.create("https://reports.example.com/v1")),
                record.rua());
        assertTrue(parsed.warnings().isEmpty());
    }

    @Test
    void ignoresOtherTxtRecordsAtTheName() {
        assertInstanceOf(Parsed.Valid.class, parse("google-site-verification=abc", "v=TLSRPTv1;rua=mailto:a@b.example"));
    }

    @Test
    void missingRecordSuggestsTheTenantsOwn() {
        Parsed<TlsRptRecord> parsed = parse("v=spf1 -all");
        assertInstanceOf(Parsed.Invalid.class, parsed);
        assertEquals("TLSRPT_RECORD_MISSING", onlyCode(parsed));
        assertEquals("v=TLSRPTv1; rua=" + OURS, parsed.findings().get(0).fix());
        assertEquals(Severity.ERROR, parsed.findings().get(0).severity());
    }

    @Test
    void recognisesTheVersionTypo() {
        assertEquals("TLSRPT_VERSION_TYPO", onlyCode(parse("v=TSLRPTv1; rua=mailto:a@b.example")));
    }

    @Test
    void twoRecordsAreNone() {
        assertEquals("TLSRPT_MULTIPLE_RECORDS",
                onlyCode(parse("v=TLSRPTv1; rua=mailto:a@b.example", "v=TLSRPTv1; rua=mailto:c@d.example")));
    }

    @Test
    void aRecordWithoutRuaIsInvalid() {
        assertEquals("TLSRPT_RUA_MISSING", onlyCode(parse("v=TLSRPTv1;")));
    }

    @Test
    void unusableAddressesAreNamedAndSkipped() {
        var parsed = parse("v=TLSRPTv1; rua=http://insecure.example/r,mailto:ok@b.example");
        var valid = assertInstanceOf(Parsed.Valid.class, parsed);
        assertEquals(1, ((TlsRptRecord) valid.value()).rua().size());
        assertEquals("TLSRPT_RUA_INVALID", onlyCode(parsed));
        assertEquals("TLSRPT_RUA_INVALID", parse("v=TLSRPTv1; rua=ftp://x.example").findings().get(1).code());
    }
}

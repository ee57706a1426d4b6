package io.phishfence.web.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportCsvTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "|", quoteCharacter = '"', value = {
            "=1+1|'=1+1",
            "+SUM(A1)|'+SUM(A1)",
            "-2|'-2",
            "@cmd|'@cmd",
            "Google LLC|Google LLC",
            "a=b|a=b"})
    void neutralizesCellsThatASpreadsheetWouldRun(String value, String expected) {
        assertEquals(expected, ReportCsv.neutralize(value));
    }

    @Test
    void neutralizesLeadingTabAndCarriageReturnAndQuotesWhatNeedsIt() {
        assertEquals("'\tx", ReportCsv.cell("\tx"));
        assertEquals("\"'\rx\"", ReportCsv.cell("\rx"));
        assertEquals("\"say \"\"hi\"\", then\"", ReportCsv.cell("say \"hi\", then"));
        assertEquals("", ReportCsv.cell(null));
    }

    @Test
    void writesAHeaderAndOneLinePerReport() {
        var id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        var start = Instant.parse("2026-11-01T00:00:00Z");
        String csv = ReportCsv.of(List.of(new ReportListing(id, "example.com", "=evil", "r-1", start,
                start.plusSeconds(86_399), "https", start.plusSeconds(90_000), 10, 2)));
        assertEquals(String.join(",", ReportCsv.HEADER) + "\r\n"
                + id + ",example.com,'=evil,r-1,2026-11-01T00:00:00Z,2026-11-01T23:59:59Z,https,2026-11-02T01:00:00Z,10,2\r\n",
                csv);
    }
}

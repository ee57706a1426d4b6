package io.phishfence.web.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RuaAddressesTest {

    @Test
    void theRecordNamesBothAddressesWhenTheIngestEndpointIsHttps() {
        assertEquals("v=TLSRPTv1; rua=mailto:tok@reports.example,https://ingest.example/tlsrpt/tok",
                new RuaAddresses("https://ingest.example/tlsrpt/tok", "tok@reports.example").tlsRptRecord());
    }

    @Test
    void aPlainHttpEndpointIsLeftOutBecauseRfc8460AllowsOnlyHttps() {
        assertEquals("v=TLSRPTv1; rua=mailto:tok@reports.example",
                new RuaAddresses("http://localhost:8081/tlsrpt/tok", "tok@reports.example").tlsRptRecord());
    }
}

package io.phishfence.monitor.mtasts;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the TXT records at {@code _mta-sts.<domain>} (RFC 8461 3.1). Pure. */
public final class StsRecordParser {

    private static final Pattern STS = Pattern.compile("^v=STSv1(;|\\s|$)");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9]{1,32}$");

    private StsRecordParser() {
    }

    /** @param txtRecords every TXT record at the name, each with its strings joined */
    public static Parsed<StsRecord> parse(List<String> txtRecords, Clock clock) {
        String fix = "v=STSv1; id=" + DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC)
                .format(clock.instant());
        List<String> records = txtRecords.stream().map(String::strip).filter(r -> STS.matcher(r).find()).toList();
        if (records.isEmpty()) {
            boolean nearMiss = txtRecords.stream().anyMatch(r -> r.strip().toLowerCase().startsWith("v=sts"));
            return new Parsed.Invalid<>(List.of(nearMiss
                    ? Finding.error("MTA_STS_RECORD_INVALID",
                            "The MTA-STS record must start with exactly v=STSv1 (case matters); senders ignore it.", fix)
                    : Finding.error("MTA_STS_RECORD_MISSING",
                            "No MTA-STS record: sending servers may deliver to this domain without encryption, or to an "
                                    + "impostor, and never know.", fix)));
        }
        if (records.size() > 1) {
            return new Parsed.Invalid<>(List.of(Finding.error("MTA_STS_MULTIPLE_RECORDS",
                    "There are " + records.size() + " MTA-STS records; senders then treat the domain as having no "
                            + "policy (RFC 8461 3.1). Keep exactly one.", fix)));
        }
        var findings = new ArrayList<Finding>();
        String id = null;
        for (String field : records.get(0).split(";")) {
            String trimmed = field.strip();
            int equals = trimmed.indexOf('=');
            if (equals > 0 && "id".equals(trimmed.substring(0, equals).strip())) {
                if (id != null) {
                    findings.add(Finding.warning("MTA_STS_RECORD_ID_REPEATED",
                            "The record has more than one id=; senders read the first.", fix));
                    continue;
                }
                id = trimmed.substring(equals + 1).strip();
            }
        }
        if (id == null) {
            return new Parsed.Invalid<>(List.of(Finding.error("MTA_STS_RECORD_ID_MISSING",
                    "The MTA-STS record has no id=; senders need it to know when the policy changes.", fix)));
        }
        if (!ID.matcher(id).matches()) {
            return new Parsed.Invalid<>(List.of(Finding.error("MTA_STS_RECORD_ID_INVALID",
                    "The policy id \"" + id + "\" is not 1 to 32 letters and digits (RFC 8461 3.1).", fix)));
        }
        return new Parsed.Valid<>(new StsRecord(id), findings);
    }
}

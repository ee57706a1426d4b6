package io.phishfence.monitor.tlsrpt;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the TXT records found at {@code _smtp._tls.<domain>} (RFC 8460 3). Pure: strings in, a record or
 * findings out. Recognises the usual mistakes by name, so that the customer is told what to change.
 */
public final class TlsRptRecordParser {

    private static final Pattern VERSION = Pattern.compile("^\\s*v\\s*=\\s*TLSRPTv1\\s*(;|$)");
    private static final Pattern TYPO = Pattern.compile("^\\s*v\\s*=\\s*(TSLRPTv1|TLSRPTV1|tlsrptv1|TLSRPT1|TLSRPTv2|TLS-RPTv1)\\b",
            Pattern.CASE_INSENSITIVE);

    private TlsRptRecordParser() {
    }

    /**
     * @param txtRecords every TXT record at the name, each with its strings already joined
     * @param exampleRua the rua addresses to suggest in fixes (the tenant's own)
     */
    public static Parsed<TlsRptRecord> parse(List<String> txtRecords, String exampleRua) {
        String fix = "v=TLSRPTv1; rua=" + exampleRua;
        List<String> candidates = txtRecords.stream().filter(r -> VERSION.matcher(r).find()).toList();
        if (candidates.isEmpty()) {
            var typo = txtRecords.stream().filter(r -> TYPO.matcher(r).find()).findFirst();
            if (typo.isPresent()) {
                return new Parsed.Invalid<>(List.of(Finding.error("TLSRPT_VERSION_TYPO",
                        "The TLS-RPT record starts with the wrong version tag (\"" + abbreviate(typo.get())
                                + "\"); senders ignore it. The tag is exactly v=TLSRPTv1.", fix)));
            }
            return new Parsed.Invalid<>(List.of(Finding.error("TLSRPT_RECORD_MISSING",
                    "No TLS-RPT record: mail servers that fail to deliver securely to this domain cannot tell you.",
                    fix)));
        }
        if (candidates.size() > 1) {
            return new Parsed.Invalid<>(List.of(Finding.error("TLSRPT_MULTIPLE_RECORDS",
                    "There are " + candidates.size() + " TLS-RPT records; RFC 8460 says senders then use none. "
                            + "Keep exactly one.", fix)));
        }
        return parseRecord(candidates.get(0), fix);
    }

    private static Parsed<TlsRptRecord> parseRecord(String record, String fix) {
        var findings = new ArrayList<Finding>();
        var uris = new ArrayList<URI>();
        boolean sawRua = false;
        for (String field : record.split(";")) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = field.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = field.substring(equals + 1).trim();
            if (!"rua".equals(name)) {
                continue;
            }
            if (sawRua) {
                findings.add(Finding.warning("TLSRPT_RUA_REPEATED",
                        "The record has more than one rua= field; list all addresses in one, separated by commas.", fix));
                continue;
            }
            sawRua = true;
            for (String item : value.split(",")) {
                readUri(item.trim(), findings).ifPresent(uris::add);
            }
        }
        if (!sawRua) {
            return new Parsed.Invalid<>(List.of(Finding.error("TLSRPT_RUA_MISSING",
                    "The TLS-RPT record names no reporting address (rua=).", fix)));
        }
        if (uris.isEmpty()) {
            findings.add(Finding.error("TLSRPT_RUA_INVALID", "None of the record's reporting addresses is usable.", fix));
            return new Parsed.Invalid<>(findings);
        }
        return new Parsed.Valid<>(new TlsRptRecord(uris), findings);
    }

    private static java.util.Optional<URI> readUri(String text, List<Finding> findings) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ("mailto".equals(scheme) && uri.getSchemeSpecificPart().contains("@")) {
                return java.util.Optional.of(uri);
            }
            if ("https".equals(scheme) && uri.getHost() != null) {
                return java.util.Optional.of(uri);
            }
            findings.add(Finding.warning("TLSRPT_RUA_INVALID", "\"" + abbreviate(text)
                    + "\" is not a mailto: address or an https: URL; senders skip it.", null));
        } catch (URISyntaxException e) {
            findings.add(Finding.warning("TLSRPT_RUA_INVALID", "\"" + abbreviate(text) + "\" is not a valid URI.", null));
        }
        return java.util.Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}

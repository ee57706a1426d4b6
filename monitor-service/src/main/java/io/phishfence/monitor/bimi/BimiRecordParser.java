package io.phishfence.monitor.bimi;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.check.Parsed;
import io.phishfence.monitor.check.TagList;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the TXT records at {@code default._bimi.<domain>} (BIMI draft, section 4.2). Pure: strings in, a record or
 * findings out. Both URLs must be https: the logo an SVG file, the authority evidence a PEM file.
 */
public final class BimiRecordParser {

    private BimiRecordParser() {
    }

    /** @param txtRecords every TXT record at the name, at least one */
    public static Parsed<BimiRecord> parse(List<String> txtRecords) {
        if (txtRecords.size() > 1) {
            return new Parsed.Invalid<>(List.of(Finding.error("BIMI_MULTIPLE_RECORDS", "There are "
                    + txtRecords.size() + " TXT records at default._bimi; mail clients then show no logo. Keep one.",
                    null)));
        }
        String record = txtRecords.get(0).strip();
        TagList tags = TagList.parse(record);
        String logo = tags.get("l").orElse(null);
        String authority = tags.get("a").orElse("");
        if (!tags.first().orElse("").equals("v") || !tags.get("v").orElseThrow().equals("BIMI1")
                || tags.duplicate().isPresent() || logo == null) {
            return new Parsed.Invalid<>(List.of(Finding.error("BIMI_RECORD_INVALID", "The BIMI record \"" + record
                    + "\" is not valid: it must start with v=BIMI1, name each tag once and have an l= tag with the "
                    + "logo's URL. Mail clients ignore it.", logo == null ? null : record(logo, authority))));
        }
        if (logo.isEmpty() && authority.isEmpty()) {
            return new Parsed.Valid<>(new BimiRecord(Optional.empty(), Optional.empty()), List.of(Finding.info(
                    "BIMI_DECLINED", "The BIMI record declines to show a logo (empty l= and a=).")));
        }
        var findings = new ArrayList<Finding>();
        Optional<URI> logoUrl = httpsUrl(logo, ".svg");
        if (logoUrl.isEmpty()) {
            findings.add(Finding.error("BIMI_LOGO_URL_INVALID", "The logo URL \"" + logo + "\" is not an https: URL "
                    + "of an .svg file; mail clients show no logo.", httpsFix(logo, authority, true)));
        }
        Optional<URI> authorityUrl = authority.isEmpty() ? Optional.empty() : httpsUrl(authority, ".pem");
        if (!authority.isEmpty() && authorityUrl.isEmpty()) {
            findings.add(Finding.error("BIMI_AUTHORITY_URL_INVALID", "The certificate URL \"" + authority + "\" is not "
                    + "an https: URL of a .pem file; mail clients that require a certificate show no logo.",
                    httpsFix(logo, authority, false)));
        } else if (authority.isEmpty()) {
            findings.add(Finding.info("BIMI_NO_AUTHORITY", "The BIMI record has no certificate (a=): Gmail and Apple "
                    + "Mail show a logo only with a Verified Mark Certificate; some other clients show it without."));
        }
        if (logoUrl.isEmpty()) {
            return new Parsed.Invalid<>(findings);
        }
        return new Parsed.Valid<>(new BimiRecord(logoUrl, authorityUrl), findings);
    }

    private static Optional<URI> httpsUrl(String text, String extension) {
        try {
            URI uri = new URI(text);
            boolean ok = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getPath() != null
                    && uri.getPath().toLowerCase(Locale.ROOT).endsWith(extension);
            return ok ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The record with an http: URL made https:, when that is all that is wrong; null otherwise. */
    private static String httpsFix(String logo, String authority, boolean fixLogo) {
        String wrong = fixLogo ? logo : authority;
        if (!wrong.toLowerCase(Locale.ROOT).startsWith("http://")) {
            return null;
        }
        String https = "https://" + wrong.substring("http://".length());
        return record(fixLogo ? https : logo, fixLogo ? authority : https);
    }

    private static String record(String logo, String authority) {
        return "v=BIMI1; l=" + logo + (authority.isEmpty() ? "" : "; a=" + authority);
    }
}

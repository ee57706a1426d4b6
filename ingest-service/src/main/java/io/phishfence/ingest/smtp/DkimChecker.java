package io.phishfence.ingest.smtp;

import io.phishfence.events.EmailDelivery.Dkim;
import io.phishfence.ingest.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.impl.DNSPublicKeyRecordRetriever;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * Verifies a message's DKIM signatures (RFC 6376) with Apache jDKIM, fetching keys through dnsjava from
 * the configured resolver.
 */
@ApplicationScoped
public class DkimChecker {

    private final Resolver resolver;

    DkimChecker(IngestConfig config) {
        this.resolver = config.dns().server().map(DkimChecker::resolverFor).orElseGet(DkimChecker::systemResolver);
        this.resolver.setTimeout(Duration.ofSeconds(5));
    }

    public Dkim verify(byte[] message) {
        var verifier = new DKIMVerifier(new DNSPublicKeyRecordRetriever(resolver));
        try {
            List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(message));
            if (valid == null) {
                return new Dkim(Dkim.NONE, null, null);
            }
            if (!valid.isEmpty()) {
                return new Dkim(Dkim.PASS, valid.get(0).getDToken().toString(), null);
            }
            return failure(verifier.getResults(), Dkim.FAIL, "no signature verified");
        } catch (TempFailException e) {
            return failure(verifier.getResults(), Dkim.TEMPERROR, e.getMessage());
        } catch (FailException e) {
            return failure(verifier.getResults(), Dkim.FAIL, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Dkim(Dkim.PERMERROR, null, "unreadable message: " + e.getMessage());
        }
    }

    private static Dkim failure(List<Result> results, String result, String detail) {
        String domain = null;
        String reason = detail;
        if (results != null && !results.isEmpty()) {
            Result first = results.get(0);
            if (first.getRecord() != null && first.getRecord().getDToken() != null) {
                domain = first.getRecord().getDToken().toString();
            }
            if (first.getErrorMessage() != null) {
                reason = first.getErrorMessage();
            }
            if (first.getResultType() == Result.Type.TEMPERROR) {
                result = Dkim.TEMPERROR;
            }
        }
        return new Dkim(result, domain, reason);
    }

    private static Resolver resolverFor(String server) {
        String host = server;
        int port = 53;
        int colon = server.lastIndexOf(':');
        if (colon > 0 && server.indexOf(':') == colon) {
            host = server.substring(0, colon);
            port = Integer.parseInt(server.substring(colon + 1));
        }
        try {
            var resolver = new SimpleResolver(host);
            resolver.setPort(port);
            return resolver;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("phishfence.ingest.dns.server: unknown host " + host, e);
        }
    }

    private static Resolver systemResolver() {
        return new org.xbill.DNS.ExtendedResolver();
    }
}

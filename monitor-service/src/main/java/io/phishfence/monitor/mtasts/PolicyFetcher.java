package io.phishfence.monitor.mtasts;

import io.phishfence.monitor.check.Finding;
import io.phishfence.monitor.net.FetchFindings;
import io.phishfence.monitor.net.HttpsFetch;
import io.phishfence.monitor.net.HttpsFetcher;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} as RFC 8461 3.3 says a sender does (HTTPS only,
 * the certificate valid for the policy host, redirects not followed, only 200 accepted, at most 64 KB, bounded in
 * time: {@link HttpsFetcher}), served as text/plain (3.2).
 */
public final class PolicyFetcher {

    /** RFC 8461 3.3: senders may refuse larger policies; 64 KB is what common resolvers allow. */
    static final int MAX_POLICY_BYTES = 64 * 1024;
    static final String PATH = "/.well-known/mta-sts.txt";

    private final HttpsFetcher https;
    private final int port;

    /** @param port 443, or a test server's port */
    public PolicyFetcher(HttpsFetcher https, int port) {
        this.https = https;
        this.port = port;
    }

    public PolicyFetch fetch(String domain) {
        String host = "mta-sts." + domain;
        String url = "https://" + host + PATH;
        HttpsFetch fetch = https.get(host, port, PATH, MAX_POLICY_BYTES);
        if (!(fetch instanceof HttpsFetch.Body body)) {
            return new PolicyFetch.Failed(FetchFindings.of(fetch, "MTA_STS_POLICY", "the MTA-STS policy", url, host));
        }
        if (!"text/plain".equals(body.mediaType())) {
            return new PolicyFetch.Failed(Finding.error("MTA_STS_POLICY_CONTENT_TYPE", "The policy is served as \""
                    + (body.contentType() == null ? "no type" : body.contentType()) + "\"; RFC 8461 3.2 requires "
                    + "text/plain.", "Serve " + PATH + " with Content-Type: text/plain"));
        }
        return new PolicyFetch.Fetched(body.text());
    }
}

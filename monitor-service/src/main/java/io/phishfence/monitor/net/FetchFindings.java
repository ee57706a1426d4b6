package io.phishfence.monitor.net;

import io.phishfence.monitor.check.Finding;

/**
 * The finding for a fetch that brought no body, in the words of the component that asked: each code is the
 * component's prefix and the failure ({@code MTA_STS_POLICY_REDIRECT}, {@code BIMI_LOGO_TLS_INVALID}, ...).
 */
public final class FetchFindings {

    private FetchFindings() {
    }

    /**
     * @param prefix the code prefix, e.g. {@code MTA_STS_POLICY}
     * @param what what was fetched, for the sentence: "the MTA-STS policy"
     * @param url where it was fetched from
     * @param host the host of {@code url}
     * @throws IllegalArgumentException for a {@link HttpsFetch.Body}, which is no failure
     */
    public static Finding of(HttpsFetch fetch, String prefix, String what, String url, String host) {
        if (fetch instanceof HttpsFetch.HostDnsFailed failed) {
            return Finding.warning(prefix + "_HOST_DNS_FAILED", "The address of " + host + " could not be looked up ("
                    + failed.reason() + "); the next check tries again.", null);
        }
        if (fetch instanceof HttpsFetch.HostMissing) {
            return Finding.error(prefix + "_HOST_MISSING", "The host " + host + " has no address, so nobody can fetch "
                    + what + ".", "Publish an A or AAAA record for " + host + " pointing at a web server that serves "
                    + what + " over HTTPS.");
        }
        if (fetch instanceof HttpsFetch.HostPrivate internal) {
            return Finding.error(prefix + "_HOST_PRIVATE", "The host " + host + " resolves only to private or local "
                    + "addresses (" + internal.address().getHostAddress() + "); nobody on the internet can fetch "
                    + what + " from it.", null);
        }
        if (fetch instanceof HttpsFetch.TlsInvalid tls) {
            return Finding.error(prefix + "_TLS_INVALID", "The certificate of " + host + " is not valid for that name "
                    + "or not signed by a trusted authority (" + tls.reason() + "), so " + what + " is not used.",
                    "Install a certificate for " + host + " from a public CA (e.g. Let's Encrypt).");
        }
        if (fetch instanceof HttpsFetch.Redirect redirect) {
            return Finding.error(prefix + "_REDIRECT", "The URL " + url + " redirects (" + redirect.status() + " to "
                    + redirect.location() + "); redirects are not followed. Serve " + what + " at this exact URL.",
                    null);
        }
        if (fetch instanceof HttpsFetch.HttpStatus status) {
            return Finding.error(prefix + "_HTTP_STATUS", "The URL " + url + " answers " + status.status()
                    + " instead of 200, so " + what + " cannot be fetched.", null);
        }
        if (fetch instanceof HttpsFetch.TooLarge large) {
            return Finding.error(prefix + "_TOO_LARGE", capitalized(what) + " is larger than " + large.limit() / 1024
                    + " KB, so it is refused.", null);
        }
        if (fetch instanceof HttpsFetch.Unreachable unreachable) {
            return Finding.error(prefix + "_UNREACHABLE", capitalized(what) + " at " + url + " could not be fetched: "
                    + unreachable.reason() + ".", null);
        }
        throw new IllegalArgumentException("a body is not a failed fetch");
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

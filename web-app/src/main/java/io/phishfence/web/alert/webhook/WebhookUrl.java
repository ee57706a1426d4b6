package io.phishfence.web.alert.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A webhook address a tenant typed: absolute HTTPS, a host, no user-info, no fragment. It is a secret (a Slack
 * incoming webhook's path is its token): {@link #toString()} and {@link #masked()} show the host and the last four
 * characters only, so that a log line or an error message that mentions it by accident gives nothing away.
 */
public final class WebhookUrl {

    static final int MAX_LENGTH = 2000;

    private final URI uri;

    private WebhookUrl(URI uri) {
        this.uri = uri;
    }

    /** A URL refused, with the reason a person reads (never the URL itself). */
    public static final class InvalidWebhookUrl extends Exception {
        InvalidWebhookUrl(String message) {
            super(message);
        }
    }

    public static WebhookUrl parse(String text) throws InvalidWebhookUrl {
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            throw new InvalidWebhookUrl("Enter the webhook's URL.");
        }
        if (input.length() > MAX_LENGTH) {
            throw new InvalidWebhookUrl("A webhook URL has at most " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(input);
        } catch (URISyntaxException e) {
            throw new InvalidWebhookUrl("That is not a URL.");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new InvalidWebhookUrl("The URL must start with https:// (alerts are not sent unencrypted).");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidWebhookUrl("A webhook URL must not carry a user name or password before the host.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidWebhookUrl("The URL has no host name (for an international name, use its xn-- form).");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidWebhookUrl("A webhook URL has no #fragment.");
        }
        return new WebhookUrl(uri);
    }

    /** The host as the URL names it (an IPv6 literal in brackets), for the Host header and TLS name checks. */
    String host() {
        return uri.getHost();
    }

    /** The host to resolve: an IPv6 literal without its brackets. */
    String hostToResolve() {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    int port() {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }

    /** Path and query, as sent in the request line. */
    String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The whole URL, to store: the only way to read the secret. */
    String secret() {
        return uri.toString();
    }

    /** The host and the last four characters, e.g. {@code hooks.slack.com/…x9Qz}: enough to tell two URLs apart. */
    public String masked() {
        String whole = uri.toString();
        return host() + "/…" + whole.substring(Math.max(0, whole.length() - 4));
    }

    /** Removes the URL and its path from a text (an error message) that may have picked them up. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text.replace(uri.toString(), masked());
        String path = uri.getRawPath();
        return path == null || path.length() <= 1 ? scrubbed : scrubbed.replace(path, "/…");
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookUrl url && url.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }
}

package io.phishfence.web.alert.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How alerts are POSTed to tenants' webhooks ({@code phishfence.web.alerts.webhook.*}). Retries use the backoff of
 * the alert e-mails ({@code phishfence.web.alerts.retry.*}).
 */
@ConfigMapping(prefix = "phishfence.web.alerts.webhook")
public interface WebhookConfig {

    /** How long connecting (TCP and TLS handshake) to a webhook may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long the endpoint may stay silent once connected (the answer to the POST included). */
    @WithDefault("10s")
    Duration readTimeout();

    /**
     * Networks (CIDR, e.g. {@code 127.0.0.0/8}) that a webhook may reach although they are loopback, private,
     * link-local or otherwise internal. Empty in production: a tenant's URL must not reach our own network.
     */
    Optional<List<String>> allowedPrivateNetworks();

    /**
     * A PEM bundle of the certificate authorities a webhook's certificate must chain to, instead of the JDK's
     * (tests and labs with their own CA). Unset: the JDK's.
     */
    Optional<Path> trustStore();
}

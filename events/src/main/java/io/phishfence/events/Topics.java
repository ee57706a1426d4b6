package io.phishfence.events;

import java.util.List;

/**
 * The Kafka topics that connect the services: the only contract between them.
 * docs/architecture.md lists the key and event types of each.
 */
public final class Topics {

    /** Compacted, key {@code tenantId}: {@link TenantUpserted}. */
    public static final String TENANTS = "phishfence.tenants";
    /** Compacted, key {@code tenantId/domain}: {@link DomainUpserted}, a null value when removed. */
    public static final String DOMAINS = "phishfence.domains";
    /** Key {@code tenantId/domain}: a customer asked for a check now. */
    public static final String CHECK_REQUESTS = "phishfence.check-requests";
    /** Key {@code tenantId/policy-domain}: {@link TlsReportReceived}. */
    public static final String TLSRPT_REPORTS = "phishfence.tlsrpt-reports";
    /** Key {@code tenantId/domain}: the result of one check run. */
    public static final String DOMAIN_CHECKS = "phishfence.domain-checks";
    /** Key {@code tenantId/domain}: {@link AlertRaised} and {@link AlertResolved}, to deliver. */
    public static final String ALERTS = "phishfence.alerts";
    /** Key {@code domain}: {@link PublicCheckRequested}, a one-off check without an account (ADR 0010). */
    public static final String PUBLIC_CHECK_REQUESTS = "phishfence.public-check-requests";
    /** Key {@code domain}: {@link PublicCheckCompleted}, the result of a public check. */
    public static final String PUBLIC_CHECKS = "phishfence.public-checks";
    /** Messages a consumer gave up on after bounded retries, with the reason in headers. */
    public static final String DEAD_LETTER = "phishfence.dead-letter";

    private static final int DEFAULT_MESSAGE_BYTES = 1024 * 1024;

    /** Every topic with the shape it is created with. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(TENANTS, 3, true, DEFAULT_MESSAGE_BYTES),
            new TopicSpec(DOMAINS, 6, true, DEFAULT_MESSAGE_BYTES),
            new TopicSpec(CHECK_REQUESTS, 6, false, DEFAULT_MESSAGE_BYTES),
            // A report event carries the raw report (up to the ingest limit of 10 MB) and its parsed form.
            new TopicSpec(TLSRPT_REPORTS, 6, false, 32 * 1024 * 1024),
            new TopicSpec(DOMAIN_CHECKS, 6, false, DEFAULT_MESSAGE_BYTES),
            new TopicSpec(ALERTS, 3, false, DEFAULT_MESSAGE_BYTES),
            new TopicSpec(DEAD_LETTER, 1, false, 32 * 1024 * 1024),
            new TopicSpec(PUBLIC_CHECK_REQUESTS, 3, false, DEFAULT_MESSAGE_BYTES),
            new TopicSpec(PUBLIC_CHECKS, 3, false, DEFAULT_MESSAGE_BYTES));

    private Topics() {
    }

    /** The key of messages about one domain of one tenant. */
    public static String domainKey(String tenantId, String domain) {
        return tenantId + "/" + domain;
    }

    /**
     * How a topic is created.
     *
     * @param compacted whether the topic keeps the latest value per key forever (state topics)
     * @param maxMessageBytes the largest record batch the topic accepts
     */
    public record TopicSpec(String name, int partitions, boolean compacted, int maxMessageBytes) {
    }
}

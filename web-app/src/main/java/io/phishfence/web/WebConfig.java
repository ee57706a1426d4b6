package io.phishfence.web;

import io.smallrye.config.ConfigMapping;

/** Settings of the web app ({@code phishfence.web.*}). */
@ConfigMapping(prefix = "phishfence.web")
public interface WebConfig {

    /** Base URL of the ingest service's HTTPS endpoint as senders reach it. */
    String ingestUrl();

    /** Domain of the tenants' mailto: rua addresses ({@code <token>@<reports-domain>}). */
    String reportsDomain();

    Kafka kafka();

    interface Kafka {
        /** Consumer group that stores reports and checks. */
        String storeGroup();
    }
}

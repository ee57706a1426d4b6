package io.phishfence.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Someone without an account asked for a one-off check of a domain (ADR 0010). Key: {@code domain} on
 * {@link Topics#PUBLIC_CHECK_REQUESTS}. Carries no tenant: the check belongs to nobody, and the monitor keeps no
 * state about it.
 *
 * @param checkId the unguessable id of the public check in web-app, echoed in the result
 * @param domain the domain as an A-label, lower case, without a trailing dot
 * @param dkimSelectors DKIM selectors to check, lower case (none: DKIM cannot be discovered and says so)
 */
public record PublicCheckRequested(int v, String checkId, String domain, Instant requestedAt,
        List<String> dkimSelectors) implements Event {

    public static final String TYPE = "public-check.requested";

    public PublicCheckRequested {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(domain, "domain");
        dkimSelectors = dkimSelectors == null ? List.of() : List.copyOf(dkimSelectors);
    }

    public static PublicCheckRequested of(String checkId, String domain, Instant requestedAt,
            List<String> dkimSelectors) {
        return new PublicCheckRequested(1, checkId, domain, requestedAt, dkimSelectors);
    }

    public String key() {
        return domain;
    }
}

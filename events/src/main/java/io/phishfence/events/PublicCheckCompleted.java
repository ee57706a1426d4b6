package io.phishfence.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of a {@link PublicCheckRequested}: the same components and findings as a tenant's
 * {@link DomainChecked}, without a tenant and without changes (a public check has no history). Key: {@code domain}
 * on {@link Topics#PUBLIC_CHECKS}.
 */
public record PublicCheckCompleted(int v, String checkId, String domain, Instant checkedAt, long durationMillis,
        List<DomainChecked.Component> components) implements Event {

    public static final String TYPE = "public-check.completed";

    public PublicCheckCompleted {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(domain, "domain");
        components = List.copyOf(components);
    }

    public static PublicCheckCompleted of(String checkId, String domain, Instant checkedAt, long durationMillis,
            List<DomainChecked.Component> components) {
        return new PublicCheckCompleted(1, checkId, domain, checkedAt, durationMillis, components);
    }

    public String key() {
        return domain;
    }
}

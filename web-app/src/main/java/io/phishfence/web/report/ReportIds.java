package io.phishfence.web.report;

import java.util.Optional;
import java.util.UUID;

/** Report ids as they arrive in URLs: anything that is not a UUID names no report. */
public final class ReportIds {

    private ReportIds() {
    }

    public static Optional<UUID> parse(String id) {
        try {
            return id == null ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

package io.phishfence.monitor.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** The values of a native query's result row, as Java types the checks use. */
public final class NativeRows {

    private NativeRows() {
    }

    /**
     * A {@code timestamptz} column as an {@link Instant}: Hibernate hands it over as an {@code Instant}, an
     * {@code OffsetDateTime} or a {@code Timestamp}, depending on its version and on the query.
     */
    public static Instant instant(Object timestamp) {
        if (timestamp instanceof Instant instant) {
            return instant;
        }
        if (timestamp instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (timestamp instanceof Timestamp sql) {
            return sql.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + timestamp.getClass());
    }
}

package io.phishfence.monitor.dns;

import java.util.List;

/**
 * What a DNS question got: records (possibly none), no such name, or no answer at all. Checks need the
 * difference: a missing record is the customer's to fix, a failed look-up is ours to retry.
 */
public sealed interface DnsAnswer<T> {

    /** The name exists; {@code values} may be empty (no records of the type asked). */
    record Found<T>(List<T> values) implements DnsAnswer<T> {
        public Found {
            values = List.copyOf(values);
        }
    }

    /** NXDOMAIN: the name does not exist. */
    record NoSuchName<T>() implements DnsAnswer<T> {
    }

    /** SERVFAIL, a time-out, an unreachable resolver: nothing can be concluded. */
    record Failed<T>(String reason) implements DnsAnswer<T> {
    }

    /** The values found, or none for a name that does not exist or a failed look-up. */
    default List<T> valuesOrEmpty() {
        return this instanceof Found<T> found ? found.values() : List.of();
    }
}

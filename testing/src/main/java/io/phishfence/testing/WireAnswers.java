package io.phishfence.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The test DNS server's answers already in wire form, per question exactly as asked (name bytes, type, class), DO
 * bit, RD bit and size limit: a repeated question costs a copy of its answer and a new ID, not a lookup, an encoding
 * and, in signed zones, a signature. Every change of the records drops them all, so an answer is never older than the
 * records it was built from.
 */
final class WireAnswers {

    /** An answer with ID 0, and the counter of questions for its name. */
    record Answer(byte[] wire, LongAdder asked) {

        /** The answer to the query in {@code query}, with the query's ID. */
        byte[] forQuery(byte[] query) {
            byte[] response = wire.clone();
            response[0] = query[0];
            response[1] = query[1];
            return response;
        }
    }

    /** Replaced, never cleared: an answer built from the records before a change lands in a map nobody reads. */
    private volatile Map<Key, Answer> answers = new ConcurrentHashMap<>();

    /** The map answers are read from and put in for one query, taken before the records are read. */
    Map<Key, Answer> current() {
        return answers;
    }

    /** Drops every answer; call after each change of the records, once the change is made. */
    void invalidate() {
        answers = new ConcurrentHashMap<>();
    }

    /**
     * The key of the first question in a query (header of 12 bytes, then the name as labels, type and class), or
     * null when the query has no question in plain, uncompressed form.
     */
    static Key key(byte[] query, int length, boolean dnssec, int limit) {
        if (length < 12 || ((query[4] & 0xff) << 8 | query[5] & 0xff) != 1) {
            return null;
        }
        int at = 12;
        while (at < length && query[at] != 0) {
            if ((query[at] & 0xc0) != 0) {
                return null;
            }
            at += (query[at] & 0xff) + 1;
        }
        int end = at + 1 + 4;
        if (end > length) {
            return null;
        }
        boolean recursionDesired = (query[2] & 0x01) != 0;
        return new Key(Arrays.copyOfRange(query, 12, end), dnssec, recursionDesired, limit);
    }

    /** A question as asked, with what else shapes its answer. */
    record Key(byte[] question, boolean dnssec, boolean recursionDesired, int limit) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && dnssec == key.dnssec && recursionDesired == key.recursionDesired
                    && limit == key.limit && Arrays.equals(question, key.question);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(question) * 31 + limit * 4 + (dnssec ? 2 : 0) + (recursionDesired ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Key[" + question.length + " bytes, dnssec=" + dnssec + ", rd=" + recursionDesired + ", limit="
                    + limit + "]";
        }
    }
}

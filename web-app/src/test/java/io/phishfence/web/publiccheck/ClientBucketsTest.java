package io.phishfence.web.publiccheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ClientBucketsTest {

    @Test
    void anIpv4AddressIsItsOwnBucket() {
        assertEquals("203.0.113.7", ClientBuckets.of("203.0.113.7"));
        assertNotEquals(ClientBuckets.of("203.0.113.7"), ClientBuckets.of("203.0.113.8"));
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareABucket() {
        assertEquals("2001:db8:0:1::/64", ClientBuckets.of("2001:db8:0:1::1"));
        assertEquals(ClientBuckets.of("2001:db8:0:1:aaaa::1"), ClientBuckets.of("2001:db8:0:1:ffff::2"));
        assertNotEquals(ClientBuckets.of("2001:db8:0:1::1"), ClientBuckets.of("2001:db8:0:2::1"));
    }

    @Test
    void whatIsNotAnAddressLiteralIsNeverLookedUp() {
        assertEquals("unknown", ClientBuckets.of("attacker.example"));
        assertEquals("unknown", ClientBuckets.of(null));
    }
}

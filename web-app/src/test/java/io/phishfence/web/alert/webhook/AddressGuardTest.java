package io.phishfence.web.alert.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private final AddressGuard none = new AddressGuard(List.of());

    @Test
    void internalAddressesAreRefused() throws Exception {
        for (String internal : List.of("127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "fe80::1", "fd00::1", "100.64.0.1", "0.0.0.0", "224.0.0.1", "ff02::1", "::")) {
            assertFalse(none.permits(InetAddress.getByName(internal)), internal);
        }
    }

    @Test
    void publicAddressesArePermitted() throws Exception {
        for (String external : List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "100.128.0.1",
                "172.32.0.1")) {
            assertTrue(none.permits(InetAddress.getByName(external)), external);
        }
    }

    @Test
    void anAllowedNetworkLetsOnlyItsOwnAddressesThrough() throws Exception {
        var guard = new AddressGuard(List.of("127.0.0.0/8", " 10.20.0.0/20 "));
        assertTrue(guard.permits(InetAddress.getByName("127.0.0.2")));
        assertTrue(guard.permits(InetAddress.getByName("10.20.15.255")));
        assertFalse(guard.permits(InetAddress.getByName("10.20.16.0")));
        assertFalse(guard.permits(InetAddress.getByName("::1")), "an IPv4 network does not cover IPv6 loopback");
        assertFalse(guard.permits(InetAddress.getByName("192.168.0.1")));
    }

    @Test
    void aBrokenNetworkIsAConfigurationError() {
        var refused = assertThrows(IllegalArgumentException.class, () -> new AddressGuard(List.of("10.0.0.0/33")));
        assertTrue(refused.getMessage().contains("10.0.0.0/33"));
        assertEquals(IllegalArgumentException.class,
                assertThrows(IllegalArgumentException.class, () -> new AddressGuard(List.of("10.0.0.0/x"))).getClass());
    }
}

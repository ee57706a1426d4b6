package io.phishfence.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    void neverHandsOutTheSamePortTwice() {
        // Without the memory of handed-out ports, 500 binds to port 0 here gave about 19 repeats.
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            ports.add(FreePort.find());
        }
        assertEquals(500, ports.size());
    }
}

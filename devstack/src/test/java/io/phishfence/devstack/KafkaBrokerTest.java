package io.phishfence.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.RepeatedTest;

class KafkaBrokerTest {

    /** One random id in 64 used to start with '-', which the storage tool took for an option and refused. */
    @RepeatedTest(2_000)
    void clusterIdsAre22UrlSafeCharactersNeverStartingWithADash() {
        String id = KafkaBroker.clusterId();
        assertEquals(22, id.length());
        assertFalse(id.startsWith("-"), id);
    }
}

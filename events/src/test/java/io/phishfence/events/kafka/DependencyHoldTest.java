package io.phishfence.events.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Where a held consumer stands: the positions decide which records are handled again (Kafka's MockConsumer). */
class DependencyHoldTest {

    static final TopicPartition P0 = new TopicPartition("t", 0);
    static final TopicPartition P1 = new TopicPartition("t", 1);

    MockConsumer<String, byte[]> kafka = new MockConsumer<>("earliest");

    ConsumerRecords<String, byte[]> batch() {
        kafka.assign(List.of(P0, P1));
        kafka.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        for (int offset = 0; offset < 3; offset++) {
            kafka.addRecord(new ConsumerRecord<>("t", 0, offset, "k", new byte[0]));
            kafka.addRecord(new ConsumerRecord<>("t", 1, offset, "k", new byte[0]));
        }
        return kafka.poll(Duration.ZERO);
    }

    @Test
    void aBatchHandledWhollyMayBeCommitted() {
        var handled = new ArrayList<String>();
        var hold = new DependencyHold("test", () -> true);
        assertTrue(hold.handleAll(kafka, batch(), r -> handled.add(r.partition() + "@" + r.offset())));
        assertEquals(6, handled.size());
        assertEquals(3, kafka.position(P0));
    }

    @Test
    void anOutageRewindsEachPartitionToItsFirstRecordNotHandledAndWaitsForTheDependency() {
        var probes = new AtomicInteger();
        var hold = new DependencyHold("test", () -> probes.incrementAndGet() > 2);
        var records = batch();
        var first = records.iterator().next();
        var seen = new ArrayList<ConsumerRecord<String, byte[]>>();
        boolean done = hold.handleAll(kafka, records, r -> {
            seen.add(r);
            if (seen.size() == 2) {
                throw new DependencyHold.Unavailable("database away", null);
            }
        });

        assertFalse(done, "not to be committed");
        var firstPartition = new TopicPartition(first.topic(), first.partition());
        var otherPartition = firstPartition.equals(P0) ? P1 : P0;
        assertEquals(first.offset() + 1, kafka.position(firstPartition), "the failed record is read again");
        assertEquals(0, kafka.position(otherPartition), "records never handled are read again");
        assertTrue(probes.get() > 2, "waited until the dependency answered");
        assertTrue(kafka.paused().isEmpty(), "resumed");
    }

    @Test
    void aFailureWhileTheDependencyAnswersIsTheRecordsOwn() {
        var hold = new DependencyHold("test", () -> true);
        hold.throwIfUnavailable(new IllegalStateException("poison"));
        var away = new DependencyHold("test", () -> false);
        assertThrows(DependencyHold.Unavailable.class, () -> away.throwIfUnavailable(new IllegalStateException("x")));
    }
}

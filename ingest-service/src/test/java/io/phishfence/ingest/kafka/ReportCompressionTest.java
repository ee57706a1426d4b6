package io.phishfence.ingest.kafka;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.phishfence.testing.DnsResource;
import io.phishfence.testing.KafkaResource;
import io.phishfence.testing.TlsResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

/**
 * Kafka's lz4 codec runs natively inside the application: lz4-java picks its pure-Java implementation when its
 * classes come from a class loader other than the system one, as Quarkus' are, unless the native library was loaded
 * (events/kafka/NativeLz4, ADR 0019). The same resources as TlsRptResourceTest, so the application is shared.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = DnsResource.class, initArgs = @ResourceArg(name = "property", value = "phishfence.ingest.dns.server"))
@QuarkusTestResource(value = TlsResource.class, initArgs = @ResourceArg(name = "name", value = "ingest"))
class ReportCompressionTest {

    @Inject
    ReportPublisher publisher;

    @Test
    void kafkasLz4CodecIsTheNativeOneInsideQuarkus() {
        publisher.isReady(); // the publisher exists, its producer made
        // The case lz4-java would have fallen back on: its classes are not the system class loader's.
        assertNotSame(ClassLoader.getSystemClassLoader(), LZ4Factory.class.getClassLoader());
        assertTrue(LZ4Factory.fastestInstance().toString().contains("JNI"), LZ4Factory.fastestInstance().toString());
        assertSame(LZ4Factory.nativeInstance(), LZ4Factory.fastestInstance());
        assertSame(XXHashFactory.nativeInstance(), XXHashFactory.fastestInstance());
    }
}

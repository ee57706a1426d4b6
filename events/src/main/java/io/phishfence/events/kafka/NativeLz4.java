package io.phishfence.events.kafka;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Lets Kafka's lz4 codec use lz4-java's native (JNI) implementation inside a Quarkus application.
 *
 * <p>Kafka compresses and checks batches through {@code LZ4Factory.fastestInstance()} and
 * {@code XXHashFactory.fastestInstance()}. Those pick the JNI implementation only when lz4-java was loaded by the
 * system class loader or its native library is already loaded; a Quarkus application's jars are loaded by
 * Quarkus' own class loader, so every batch went through the pure-Java "safe" compressor instead, about a tenth
 * of the ingest's CPU per report at its steady rate (docs/benchmarks.md). Asking for the native instances once
 * loads the library, and from then on {@code fastestInstance()} returns them.
 */
public final class NativeLz4 {

    private NativeLz4() {
    }

    /**
     * Loads the native library if this platform has one. lz4-java first copies it to {@code java.io.tmpdir}; where it
     * cannot be loaded (no build for this platform, a temporary directory that is read-only or mounted noexec), Kafka
     * keeps using the Java implementation, which writes the same bytes, and this returns false.
     *
     * @return whether the native implementation is in use
     */
    public static boolean load() {
        try {
            LZ4Factory.nativeInstance();
            XXHashFactory.nativeInstance();
            return true;
        } catch (Throwable unavailable) { // UnsatisfiedLinkError, or an AssertionError from lz4-java's loader
            return false;
        }
    }
}

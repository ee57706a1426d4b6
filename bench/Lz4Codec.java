import java.nio.file.Files;
import java.nio.file.Path;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * lz4-java's pure-Java compressor next to its native (JNI) one, on one input, in one JVM, alternating. Kafka's
 * producer used the pure-Java one inside Quarkus until {@code events/kafka/NativeLz4} (docs/benchmarks.md).
 *
 * <pre>
 *   java -Xmx256m -cp ~/.m2/repository/at/yawk/lz4/lz4-java/1.10.1/lz4-java-1.10.1.jar bench/Lz4Codec.java FILE
 * </pre>
 */
public class Lz4Codec {

    private static final int ROUNDS = 200_000;

    public static void main(String[] args) throws Exception {
        byte[] input = Files.readAllBytes(Path.of(args[0]));
        for (String which : new String[] {"java", "jni", "java", "jni"}) {
            LZ4Compressor compressor = which.equals("jni") ? LZ4Factory.nativeInstance().fastCompressor()
                    : LZ4Factory.safeInstance().fastCompressor();
            byte[] output = new byte[compressor.maxCompressedLength(input.length)];
            long compressed = 0;
            long started = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                compressed += compressor.compress(input, 0, input.length, output, 0, output.length);
            }
            long elapsed = System.nanoTime() - started;
            System.out.printf("%-4s %d bytes -> %d: %.2f µs per compression%n", which, input.length,
                    compressed / ROUNDS, elapsed / 1e3 / ROUNDS);
        }
    }
}

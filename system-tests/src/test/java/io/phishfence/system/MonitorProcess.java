package io.phishfence.system;

import io.phishfence.devstack.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One monitor-service as production runs it: its own JVM from the packaged {@code quarkus-app}, on a free port,
 * configured by environment variables only.
 */
public final class MonitorProcess implements AutoCloseable {

    static final Path JAR = WalkingSkeletonIT.ROOT.resolve("monitor-service/target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private MonitorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param environment the service's settings ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code PHISHFENCE_MONITOR_...})
     * @param heap the {@code -Xmx} of the JVM
     */
    public static MonitorProcess start(String name, Path folder, String heap, Map<String, String> environment,
            String... jvmOptions) throws IOException {
        int port = FreePort.find();
        Path log = folder.resolve(name + ".log");
        var command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", JAR.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new MonitorProcess(builder.start(), port, log);
    }

    /** Waits until {@code /q/health/ready} answers 200 (PostgreSQL and Kafka reached, migrations done). */
    public MonitorProcess awaitReady(Duration within) throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("monitor exited during start-up:\n" + Files.readString(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("monitor not ready within " + within + ":\n" + Files.readString(log));
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the process at once (SIGKILL), as a crash or a lost machine would: no goodbye to the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

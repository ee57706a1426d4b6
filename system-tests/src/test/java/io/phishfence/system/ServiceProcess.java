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
import java.util.concurrent.TimeUnit;

/**
 * One service as production runs it: its own JVM from the packaged {@code quarkus-app}, on a free HTTP port,
 * configured by environment variables only.
 */
public final class ServiceProcess implements AutoCloseable {

    /** As every launcher of the services starts them (ADR 0021): a common pool of at least two threads. */
    static final String COMMON_POOL = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param service the module: {@code ingest-service}, {@code monitor-service} or {@code web-app}
     * @param name this instance's name, also its log file's ({@code <folder>/<name>.log})
     * @param heap the {@code -Xmx} of the JVM
     * @param environment the service's settings ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code PHISHFENCE_...})
     */
    public static ServiceProcess start(String service, String name, Path folder, String heap,
            Map<String, String> environment, String... jvmOptions) throws IOException {
        Path jar = WalkingSkeletonIT.ROOT.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        int port = FreePort.find();
        Path log = folder.resolve(name + ".log");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, COMMON_POOL));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(name, builder.start(), port, log);
    }

    /** Waits until {@code /q/health/ready} answers 200 (its database, Kafka and what else it needs reached). */
    public ServiceProcess awaitReady(Duration within) throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var ready = HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up:\n" + Files.readString(log));
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
        throw new IllegalStateException(name + " not ready within " + within + ":\n" + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process at once (SIGKILL), as a crash or a lost machine would: no goodbye to anyone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }
}

package io.phishfence.system;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One monitor-service as production runs it: a {@link ServiceProcess} of the packaged monitor. */
public final class MonitorProcess implements AutoCloseable {

    private final ServiceProcess process;

    private MonitorProcess(ServiceProcess process) {
        this.process = process;
    }

    /**
     * @param environment the service's settings ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code PHISHFENCE_MONITOR_...})
     * @param heap the {@code -Xmx} of the JVM
     */
    public static MonitorProcess start(String name, Path folder, String heap, Map<String, String> environment,
            String... jvmOptions) throws IOException {
        return new MonitorProcess(ServiceProcess.start("monitor-service", name, folder, heap, environment, jvmOptions));
    }

    /** Waits until {@code /q/health/ready} answers 200 (PostgreSQL and Kafka reached, migrations done). */
    public MonitorProcess awaitReady(Duration within) throws IOException, InterruptedException {
        process.awaitReady(within);
        return this;
    }

    public long pid() {
        return process.pid();
    }

    /** Ends the process at once (SIGKILL), as a crash or a lost machine would: no goodbye to the group. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}

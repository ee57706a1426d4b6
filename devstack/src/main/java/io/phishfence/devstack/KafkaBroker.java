package io.phishfence.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run from
 * Apache Kafka's own jars in a child JVM so that its dependencies never meet a service's.
 * The child exits by itself when the JVM that started it goes away.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String BROKER_CLASSPATH_RESOURCE = "kafka-broker.classpath";
    /** Generous: on a machine whose cores are shared (CI, several builds at once) a restart took over 90 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final String maxHeap;

    private KafkaBroker(Process process, Path directory, int port, int controllerPort, String maxHeap) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.maxHeap = maxHeap;
    }

    /**
     * Starts a broker keeping its log and data under {@code directory}; formats the storage only the
     * first time, so a restart keeps the topics.
     *
     * @param port the client port (0 for any free one)
     * @param controllerPort the KRaft controller port (0 for any free one)
     */
    public static KafkaBroker start(Path folder, int port, int controllerPort, String maxHeap)
            throws IOException, InterruptedException {
        Path directory = folder.toAbsolutePath();
        int clientPort = port == 0 ? FreePort.find() : port;
        int quorumPort = controllerPort == 0 ? FreePort.find() : controllerPort;
        Files.createDirectories(directory);
        Path config = writeConfig(directory, clientPort, quorumPort);
        Path log4j = writeLogConfig(directory);
        Path data = directory.resolve("data");
        if (!Files.exists(data.resolve("meta.properties"))) {
            run(List.of("kafka.tools.StorageTool", "format", "--standalone",
                    "--cluster-id", clusterId(), "--config", config.toString()), directory, log4j, maxHeap);
        }
        var broker = launch(directory, clientPort, quorumPort, maxHeap);
        broker.awaitListening();
        return broker;
    }

    private static KafkaBroker launch(Path directory, int port, int controllerPort, String maxHeap)
            throws IOException {
        var command = javaCommand(directory.resolve("log4j2.properties"), maxHeap);
        command.add(BrokerMain.class.getName());
        command.add(directory.resolve("server.properties").toString());
        Process child = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("broker-console.log").toFile()))
                .start();
        return new KafkaBroker(child, directory, port, controllerPort, maxHeap);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return directory.resolve("broker.log");
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Kafka broker exited with " + process.exitValue() + "; see " + logFile());
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        close();
        throw new IOException("Kafka broker did not listen on " + port + " within " + START_TIMEOUT);
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the broker at once, as a crash or a lost machine would (for failure tests). */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a stopped broker again on the same ports and data. */
    public KafkaBroker restart() throws IOException, InterruptedException {
        close();
        var restarted = launch(directory, port, controllerPort, maxHeap);
        restarted.awaitListening();
        return restarted;
    }

    private static Path writeConfig(Path directory, int port, int controllerPort) throws IOException {
        String properties = """
                process.roles=broker,controller
                node.id=1
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=6
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                log.retention.hours=168
                """.formatted(port, controllerPort, directory.resolve("data").toAbsolutePath());
        Path file = directory.resolve("server.properties");
        Files.writeString(file, properties);
        return file;
    }

    private static Path writeLogConfig(Path directory) throws IOException {
        String config = """
                status = warn
                appender.file.type = File
                appender.file.name = file
                appender.file.fileName = %s
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = [%%d] %%p %%m (%%c)%%n
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = file
                logger.kafka.name = kafka
                logger.kafka.level = WARN
                logger.apache.name = org.apache.kafka
                logger.apache.level = WARN
                logger.started.name = kafka.server.KafkaRaftServer
                logger.started.level = INFO
                """.formatted(directory.resolve("broker.log").toAbsolutePath());
        Path file = directory.resolve("log4j2.properties");
        Files.writeString(file, config);
        return file;
    }

    /**
     * A Kafka cluster id: 16 random bytes in URL-safe base64 without padding. One that starts with '-' would be
     * read as an option by the storage tool (one id in 64), so such ids are drawn again, as Kafka's own tool does.
     */
    static String clusterId() {
        String id;
        do {
            var uuid = UUID.randomUUID();
            var bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array();
            id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static void run(List<String> mainAndArgs, Path directory, Path log4j, String maxHeap)
            throws IOException, InterruptedException {
        var command = javaCommand(log4j, maxHeap);
        command.addAll(mainAndArgs);
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("Kafka " + mainAndArgs.get(0) + " failed: " + output);
        }
    }

    private static List<String> javaCommand(Path log4j, String maxHeap) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-Xss1m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
        command.add("-cp");
        command.add(brokerClasspath());
        return command;
    }

    /** devstack's own classes (for {@link BrokerMain}) and the broker's jars as resolved by the build. */
    static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(BROKER_CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BROKER_CLASSPATH_RESOURCE + " missing: build devstack with Maven");
            }
            String jars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return self + java.io.File.pathSeparator + jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.phishfence.monitor.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.phishfence.testing.TestDnsServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** The plain resolver's blocking transport, against real servers on loopback. */
class BlockingDnsTransportTest {

    @Test
    void anAnswerTooLargeForUdpComesOverTcp() throws IOException {
        try (var server = TestDnsServer.start()) {
            // About 4 KB of TXT records: more than a UDP answer carries, so the server truncates it and sets TC.
            List<String> values = IntStream.range(0, 40).mapToObj(i -> "record-" + i + "-" + "x".repeat(90)).toList();
            values.forEach(value -> server.addTxt("big.transport.example", value));

            var answer = Dns.using(server.address(), Duration.ofSeconds(5)).txt("big.transport.example");

            assertEquals(values.stream().sorted().toList(), answer.valuesOrEmpty().stream().sorted().toList());
        }
    }

    @Test
    void aDatagramWithAnotherIdIsNotTakenForTheAnswer() throws Exception {
        // An off-path forger who knows the port but not the ID: its datagram arrives first and must be ignored.
        try (var server = new RawServer(id -> id ^ 0x5a5a, "forged", "genuine")) {
            var answer = Dns.using(server.address(), Duration.ofSeconds(5)).txt("id.transport.example");

            assertEquals(List.of("genuine"), answer.valuesOrEmpty());
        }
    }

    @Test
    void aSilentServerIsAFailureAfterTheTimeout() throws Exception {
        try (var silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            var answer = Dns.using("127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300))
                    .txt("silent.transport.example");

            assertInstanceOf(DnsAnswer.Failed.class, answer);
        }
    }

    @Test
    void eachQuestionLeavesFromARandomPortNotOnlyTheKernelsRange() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeTrue(Files.isReadable(range), "needs Linux's ephemeral port range to compare with");
        // A file of procfs says its size is 0, so it is read as a stream.
        String[] bounds = Files.readAllLines(range).get(0).trim().split("\\s+");
        int low = Integer.parseInt(bounds[0]);
        int high = Integer.parseInt(bounds[1]);
        try (var server = new RawServer(null, "genuine")) {
            var dns = Dns.using(server.address(), Duration.ofSeconds(5));
            for (int i = 0; i < 30; i++) {
                assertEquals(List.of("genuine"), dns.txt("port.transport.example").valuesOrEmpty());
            }
            List<Integer> ports = server.sourcePorts();
            assertEquals(30, ports.size());
            // Ports drawn from 1024-65535: the chance that 30 of them all fall in the kernel's range is below 1e-9.
            assertTrue(ports.stream().anyMatch(port -> port < low || port > high),
                    "every source port was in the kernel's ephemeral range: " + ports);
        }
    }

    @Test
    void aServerThatDribblesItsTcpAnswerCannotStretchTheWaitPastTheTimeout() throws Exception {
        // UDP says "truncated", so the question goes again over TCP, where the answer comes a byte each 100 ms: 3 s
        // or more in all, against a timeout of 500 ms. Each byte comes well within the timeout, so only a deadline
        // over the whole answer ends the wait; a timeout per read would wait the 3 s and take the answer.
        try (var udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                var tcp = new java.net.ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
            var truncating = new Thread(() -> {
                try {
                    byte[] buffer = new byte[512];
                    var packet = new DatagramPacket(buffer, buffer.length);
                    udp.receive(packet);
                    var query = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
                    var response = new Message(query.getHeader().getID());
                    response.getHeader().setFlag(Flags.QR);
                    response.getHeader().setFlag(Flags.TC);
                    response.addRecord(query.getQuestion(), Section.QUESTION);
                    byte[] wire = response.toWire();
                    udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                    try (var connection = tcp.accept()) {
                        var in = new java.io.DataInputStream(connection.getInputStream());
                        byte[] question = new byte[in.readUnsignedShort()];
                        in.readFully(question);
                        byte[] answer = RawServer.response(new Message(question), new Message(question).getHeader()
                                .getID(), "slow");
                        var out = connection.getOutputStream();
                        out.write(new byte[] {(byte) (answer.length >>> 8), (byte) answer.length});
                        for (byte b : answer) {
                            out.write(b);
                            out.flush();
                            Thread.sleep(100);
                        }
                    }
                } catch (IOException | InterruptedException ended) {
                    // The client gave up and closed the connection, or the test is over.
                }
            }, "dribbling-dns");
            truncating.setDaemon(true);
            truncating.start();

            var answer = Dns.using("127.0.0.1:" + udp.getLocalPort(), Duration.ofMillis(500))
                    .txt("slow.transport.example");

            assertInstanceOf(DnsAnswer.Failed.class, answer, "took the dribbled answer: " + answer);
        }
    }

    /**
     * A UDP server that answers each TXT question with the given strings, one datagram each, in order; the first
     * gets the ID {@code firstId} makes of the query's (the query's own when null), the rest the query's.
     */
    private static final class RawServer implements AutoCloseable {

        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final List<Integer> sourcePorts = new ArrayList<>();
        private final Thread thread;

        RawServer(IntFunction<Integer> firstId, String... answers) throws IOException {
            thread = new Thread(() -> serve(firstId, answers), "raw-dns");
            thread.setDaemon(true);
            thread.start();
        }

        String address() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        synchronized List<Integer> sourcePorts() {
            return List.copyOf(sourcePorts);
        }

        private void serve(IntFunction<Integer> firstId, String[] answers) {
            byte[] buffer = new byte[4096];
            while (!socket.isClosed()) {
                try {
                    var packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    synchronized (this) {
                        sourcePorts.add(packet.getPort());
                    }
                    var query = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
                    int id = query.getHeader().getID();
                    for (int i = 0; i < answers.length; i++) {
                        byte[] wire = response(query, i == 0 && firstId != null ? firstId.apply(id) : id, answers[i]);
                        socket.send(new DatagramPacket(wire, wire.length,
                                (InetSocketAddress) packet.getSocketAddress()));
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }

        static byte[] response(Message query, int id, String text) {
            var response = new Message(id & 0xffff);
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setFlag(Flags.AA);
            response.addRecord(query.getQuestion(), Section.QUESTION);
            response.addRecord(new TXTRecord(query.getQuestion().getName(), DClass.IN, 60, text), Section.ANSWER);
            return response.toWire();
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(5_000);
        }
    }
}

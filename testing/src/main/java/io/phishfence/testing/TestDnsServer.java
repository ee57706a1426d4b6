package io.phishfence.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A small authoritative DNS server on loopback, UDP and TCP on one port, answering real queries from
 * records the test puts in. Built on dnsjava's wire format. Answers NXDOMAIN for names it has no record
 * of, and an empty NOERROR for names that exist with other types. Zones signed with {@link #signZone} answer
 * queries that set the DO bit with RRSIGs, and prove names and types absent with NSEC records.
 */
public final class TestDnsServer implements AutoCloseable {

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    /** How often each name was asked, so that a test can tell which client checked what. */
    private final Map<String, LongAdder> questions = new ConcurrentHashMap<>();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<SignedZone> signedZones = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private TestDnsServer(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
    }

    /** Starts a server on 127.0.0.1 on a free port. */
    public static TestDnsServer start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 20; attempt++) {
            var tcp = new ServerSocket(0, 50, loopback);
            try {
                var udp = new DatagramSocket(new InetSocketAddress(loopback, tcp.getLocalPort()));
                var server = new TestDnsServer(udp, tcp);
                server.spawn("dns-udp", server::serveUdp);
                server.spawn("dns-tcp", server::serveTcp);
                return server;
            } catch (IOException portTakenForUdp) {
                tcp.close();
            }
        }
        throw new IOException("no free port for UDP and TCP on 127.0.0.1");
    }

    public int port() {
        return tcp.getLocalPort();
    }

    /** {@code 127.0.0.1:port}, as resolver settings take it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Adds a TXT record; long values are split into 255-byte strings as DNS requires. */
    public TestDnsServer addTxt(String name, String value) {
        var strings = new ArrayList<String>();
        for (int i = 0; i < value.length(); i += 255) {
            strings.add(value.substring(i, Math.min(value.length(), i + 255)));
        }
        return add(new TXTRecord(name(name), DClass.IN, 300, strings));
    }

    /**
     * Adds a record given in zone-file form, e.g. {@code add("example.", "MX", "10 mx.example.")}. For callers whose
     * class loader has its own copy of dnsjava (a {@code @QuarkusTest}), which cannot hand this server a
     * {@link Record} of theirs.
     */
    public TestDnsServer add(String name, String type, String rdata) {
        try {
            return add(Record.fromString(name(name), Type.value(type), DClass.IN, 300, rdata, Name.root));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type + " record: " + rdata, e);
        }
    }

    public TestDnsServer add(Record record) {
        records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    /**
     * Signs the zone of {@code key} (its DNSKEY and an SOA are added at the apex): from now on, answers for
     * names at or under the apex carry signatures and denial-of-existence proofs when the query asks for
     * DNSSEC. {@link ZoneKey#trustAnchor()} is the anchor a validator needs for it.
     */
    public TestDnsServer signZone(ZoneKey key) {
        var zone = new SignedZone(key);
        zone.apexRecords().forEach(this::add);
        signedZones.add(zone);
        return this;
    }

    /** Removes every record at {@code name}. */
    public void remove(String name) {
        records.remove(name(name));
    }

    public void clear() {
        records.clear();
        signedZones.clear();
    }

    /** How many queries, of any type, asked for {@code name} since the start or the last {@link #clearQuestions}. */
    public long questionsFor(String name) {
        var count = questions.get(name(name).toString().toLowerCase(java.util.Locale.ROOT));
        return count == null ? 0 : count.sum();
    }

    /** How many queries were answered since the start or the last {@link #clearQuestions}. */
    public long questionCount() {
        return questions.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void clearQuestions() {
        questions.clear();
    }

    /** The response to one query: authoritative, with the matching records. */
    Message answer(Message query) {
        var response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        questions.computeIfAbsent(question.getName().toString().toLowerCase(java.util.Locale.ROOT), n -> new LongAdder())
                .increment();
        OPTRecord opt = query.getOPT();
        boolean dnssec = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
        if (dnssec) {
            response.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
            SignedZone zone = signedZoneOf(question.getName());
            if (zone != null) {
                zone.answer(question, records, response);
                return response;
            }
        }
        List<Record> named = records.get(question.getName());
        if (named == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            for (Record record : named) {
                if (question.getType() == Type.ANY || record.getType() == question.getType()) {
                    response.addRecord(record, Section.ANSWER);
                }
            }
        }
        if (dnssec && response.getSection(Section.ANSWER).isEmpty()) {
            response.addRecord(unsignedSoa(question.getName()), Section.AUTHORITY);
        }
        return response;
    }

    /**
     * RFC 2308: a negative answer carries the SOA of its zone; a validator needs it to place the answer outside
     * its trust anchors (insecure). Unsigned names get one at their top-level label, with TTL 0 so that nobody
     * caches the negative answer. Only DNSSEC-aware queries get it, so other clients see what they always saw.
     */
    private static SOARecord unsignedSoa(Name name) {
        try {
            Name zone = name.labels() > 1 ? new Name(name, name.labels() - 2) : Name.root;
            return new SOARecord(zone, DClass.IN, 0, Name.fromString("ns", zone), Name.fromString("hostmaster", zone),
                    1, 3600, 600, 86400, 0);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signed zone with the longest apex that contains {@code name}, or null. */
    private SignedZone signedZoneOf(Name name) {
        SignedZone best = null;
        for (SignedZone zone : signedZones) {
            if (name.subdomain(zone.apex()) && (best == null || zone.apex().labels() > best.apex().labels())) {
                best = zone;
            }
        }
        return best;
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (running) {
            try {
                var packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                int limit = query.getOPT() == null ? 512 : Math.max(512, query.getOPT().getPayloadSize());
                byte[] wire = answer(query).toWire(limit);
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try (Socket socket = tcp.accept();
                    var in = new DataInputStream(socket.getInputStream());
                    var out = new DataOutputStream(socket.getOutputStream())) {
                socket.setSoTimeout(5_000);
                byte[] request = new byte[in.readUnsignedShort()];
                in.readFully(request);
                byte[] wire = answer(new Message(request)).toWire();
                out.writeShort(wire.length);
                out.write(wire);
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void spawn(String name, Runnable body) {
        var thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.phishfence.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.CNAMERecord;
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
 *
 * <p>Fast enough to stand in for a resolver under a benchmark's load: several threads receive on the UDP socket,
 * each TCP connection has its own thread and may carry several queries (RFC 7766), and a question asked before is
 * answered from its wire form ({@link WireAnswers}) until the records change.
 */
public final class TestDnsServer implements AutoCloseable {

    /** Threads receiving on the one UDP socket: while one builds or copies an answer, the next query is read. */
    private static final int UDP_THREADS = 4;
    /** The size limit of answers over TCP: the two-byte length prefix's. */
    private static final int TCP_LIMIT = 65_535;
    /** CNAMEs followed in one answer at most, as resolvers bound a chain. */
    private static final int MAX_CNAME_HOPS = 8;

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
    /** How often each name was asked, so that a test can tell which client checked what. */
    private final Map<String, LongAdder> questions = new ConcurrentHashMap<>();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<SignedZone> signedZones = new CopyOnWriteArrayList<>();
    private final WireAnswers wireAnswers = new WireAnswers();
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "dns-tcp-connection");
        thread.setDaemon(true);
        return thread;
    });
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
                for (int i = 0; i < UDP_THREADS; i++) {
                    server.spawn("dns-udp-" + i, server::serveUdp);
                }
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
        wireAnswers.invalidate();
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
        wireAnswers.invalidate();
        return this;
    }

    /** Removes every record at {@code name}. */
    public void remove(String name) {
        records.remove(name(name));
        wireAnswers.invalidate();
    }

    public void clear() {
        records.clear();
        signedZones.clear();
        wireAnswers.invalidate();
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
        // Cached answers count on the counters just dropped.
        wireAnswers.invalidate();
    }

    /**
     * The response to the query in the first {@code length} bytes of {@code wire}, in wire form, or null for a query
     * that cannot be read. Over UDP at most 512 bytes long, or the size the query's EDNS option offers (truncated,
     * with TC set, beyond: the client asks again over TCP).
     */
    byte[] respond(byte[] wire, int length, boolean udp) {
        Message query;
        try {
            query = new Message(Arrays.copyOf(wire, length));
        } catch (IOException unreadable) {
            return null;
        }
        OPTRecord opt = query.getOPT();
        boolean dnssec = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
        int limit = !udp ? TCP_LIMIT : opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        WireAnswers.Key key = WireAnswers.key(wire, length, dnssec, limit);
        if (key == null || query.getQuestion() == null) {
            return answer(query).toWire(limit);
        }
        Map<WireAnswers.Key, WireAnswers.Answer> answers = wireAnswers.current();
        WireAnswers.Answer cached = answers.get(key);
        if (cached == null) {
            var built = answer(query);
            built.getHeader().setID(0);
            cached = new WireAnswers.Answer(built.toWire(limit), askedFor(query.getQuestion().getName()));
            answers.put(key, cached);
        } else {
            cached.asked().increment();
        }
        return cached.forQuery(wire);
    }

    private LongAdder askedFor(Name name) {
        return questions.computeIfAbsent(name.toString().toLowerCase(java.util.Locale.ROOT), n -> new LongAdder());
    }

    /** The response to one query: authoritative, with the matching records; counts the question. */
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
        askedFor(question.getName()).increment();
        OPTRecord opt = query.getOPT();
        boolean dnssec = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
        if (dnssec) {
            response.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        }
        // A CNAME is followed within this server's records, as an authoritative server and a recursive resolver
        // together would answer: the CNAME, then the answer for its target (RFC 1034 4.3.2).
        Name name = question.getName();
        for (int hop = 0; hop < MAX_CNAME_HOPS && name != null; hop++) {
            name = answerAt(Record.newRecord(name, question.getType(), DClass.IN), dnssec, response);
        }
        return response;
    }

    /** Adds the answer for {@code question} to {@code response}; the CNAME's target when there is one to follow. */
    private Name answerAt(Record question, boolean dnssec, Message response) {
        if (dnssec) {
            SignedZone zone = signedZoneOf(question.getName());
            if (zone != null) {
                return zone.answer(question, records, response);
            }
        }
        List<Record> named = records.get(question.getName());
        if (named == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            boolean found = false;
            for (Record record : named) {
                if (question.getType() == Type.ANY || record.getType() == question.getType()) {
                    response.addRecord(record, Section.ANSWER);
                    found = true;
                }
            }
            Record alias = found ? null : cname(named, question.getType());
            if (alias != null) {
                response.addRecord(alias, Section.ANSWER);
                return ((CNAMERecord) alias).getTarget();
            }
        }
        if (dnssec && response.getSection(Section.ANSWER).stream().noneMatch(r -> r.getType() == question.getType())) {
            response.addRecord(unsignedSoa(question.getName()), Section.AUTHORITY);
        }
        return null;
    }

    /** The CNAME among {@code named} that a question for {@code type} follows, or null. */
    static Record cname(List<Record> named, int type) {
        if (type == Type.CNAME || type == Type.ANY) {
            return null;
        }
        return named.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
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
        byte[] buffer = new byte[65_535];
        var packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            try {
                packet.setData(buffer);
                udp.receive(packet);
                byte[] response = respond(buffer, packet.getLength(), true);
                if (response != null) {
                    udp.send(new DatagramPacket(response, response.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                connections.execute(() -> serveConnection(socket));
            } catch (IOException | RejectedExecutionException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    /** Answers queries on one connection until the client closes it or stays silent for 5 s. */
    private void serveConnection(Socket connection) {
        try (Socket socket = connection;
                var in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                var out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            socket.setSoTimeout(5_000);
            while (running) {
                byte[] request = new byte[in.readUnsignedShort()];
                in.readFully(request);
                byte[] response = respond(request, request.length, false);
                if (response == null) {
                    return;
                }
                out.writeShort(response.length);
                out.write(response);
                out.flush();
            }
        } catch (IOException closedOrSilent) {
            // The client is done with the connection.
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
        connections.shutdownNow();
        try {
            tcp.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

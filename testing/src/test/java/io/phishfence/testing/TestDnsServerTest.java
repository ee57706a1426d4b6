package io.phishfence.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The test DNS server over its real sockets, with dnsjava as the client: what every DNS-using test relies on. */
class TestDnsServerTest {

    private TestDnsServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestDnsServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersFromTheRecordsAsTheyAreAfterEachChange() throws Exception {
        server.add("host.test.example.", "A", "192.0.2.1");
        assertEquals(List.of("192.0.2.1"), addresses(ask("host.test.example.", Type.A)));

        server.add("host.test.example.", "A", "192.0.2.2");
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), addresses(ask("host.test.example.", Type.A)));

        server.remove("host.test.example.");
        assertEquals(Rcode.NXDOMAIN, ask("host.test.example.", Type.A).getRcode());

        server.add("host.test.example.", "A", "192.0.2.3");
        assertEquals(List.of("192.0.2.3"), addresses(ask("host.test.example.", Type.A)));

        server.clear();
        assertEquals(Rcode.NXDOMAIN, ask("host.test.example.", Type.A).getRcode());
    }

    @Test
    void followsCnamesAsARecursiveResolverAnswers() throws Exception {
        server.add("alias.test.example.", "CNAME", "middle.test.example.");
        server.add("middle.test.example.", "CNAME", "host.test.example.");
        server.add("host.test.example.", "A", "192.0.2.7");
        Message response = ask("alias.test.example.", Type.A);
        assertEquals(List.of(Type.CNAME, Type.CNAME, Type.A),
                response.getSection(Section.ANSWER).stream().map(Record::getType).toList());
        assertEquals(List.of("192.0.2.7"), addresses(response));
        // Asked for the CNAME itself, the server answers with it alone.
        assertEquals(1, ask("alias.test.example.", Type.CNAME).getSection(Section.ANSWER).size());
        server.add("dangling.test.example.", "CNAME", "nowhere.test.example.");
        assertEquals(Rcode.NXDOMAIN, ask("dangling.test.example.", Type.A).getRcode());
    }

    @Test
    void countsEveryQuestionAndAnswersEachWithItsOwnId() throws Exception {
        server.add("counted.test.example.", "TXT", "\"hello\"");
        var resolver = resolver();
        for (int id = 1; id <= 3; id++) {
            var query = Message.newQuery(Record.newRecord(Name.fromString("counted.test.example."), Type.TXT, DClass.IN));
            query.getHeader().setID(id * 1000);
            Message response = resolver.send(query);
            assertEquals(id * 1000, response.getHeader().getID());
            assertEquals(1, response.getSection(Section.ANSWER).size());
        }
        assertEquals(3, server.questionsFor("counted.test.example"));

        server.clearQuestions();
        ask("counted.test.example.", Type.TXT);
        assertEquals(1, server.questionsFor("counted.test.example"));
    }

    @Test
    void truncatesALargeAnswerOverUdpAndGivesItWholeOverTcp() throws Exception {
        for (int i = 0; i < 20; i++) {
            server.addTxt("big.test.example", ("record " + i + " ").repeat(20));
        }
        var udpOnly = resolver();
        udpOnly.setIgnoreTruncation(true);
        Message truncated = udpOnly.send(query("big.test.example.", Type.TXT));
        assertTrue(truncated.getHeader().getFlag(Flags.TC));

        // dnsjava asks again over TCP when it sees TC, as every resolver does.
        Message whole = resolver().send(query("big.test.example.", Type.TXT));
        assertFalse(whole.getHeader().getFlag(Flags.TC));
        assertEquals(20, whole.getSection(Section.ANSWER).size());
    }

    @Test
    void answersSeveralQueriesOnOneTcpConnection() throws Exception {
        server.add("one.test.example.", "A", "192.0.2.11");
        server.add("two.test.example.", "A", "192.0.2.12");
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                var in = new DataInputStream(socket.getInputStream());
                var out = new DataOutputStream(socket.getOutputStream())) {
            socket.setSoTimeout(5_000);
            for (String name : List.of("one", "two")) {
                byte[] wire = query(name + ".test.example.", Type.A).toWire();
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
                byte[] answer = new byte[in.readUnsignedShort()];
                in.readFully(answer);
                assertEquals(List.of(name.equals("one") ? "192.0.2.11" : "192.0.2.12"), addresses(new Message(answer)));
            }
        }
    }

    @Test
    void signsRecordsAddedAfterTheAnswerBefore() throws Exception {
        var key = ZoneKey.generate("signed.test.example");
        server.signZone(key);
        server.add("a.signed.test.example.", "A", "192.0.2.21");
        var resolver = resolver();
        resolver.setEDNS(0, 4096, org.xbill.DNS.ExtendedFlags.DO, List.of());
        assertEquals(Rcode.NXDOMAIN, resolver.send(query("b.signed.test.example.", Type.A)).getRcode());

        server.add("b.signed.test.example.", "A", "192.0.2.22");
        Message signed = resolver.send(query("b.signed.test.example.", Type.A));
        assertEquals(Rcode.NOERROR, signed.getRcode());
        assertEquals(List.of(Type.A, Type.RRSIG),
                signed.getSection(Section.ANSWER).stream().map(Record::getType).toList());
    }

    private Message ask(String name, int type) throws Exception {
        return resolver().send(query(name, type));
    }

    private static Message query(String name, int type) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
    }

    private SimpleResolver resolver() throws Exception {
        var resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
        resolver.setPort(server.port());
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    private static List<String> addresses(Message response) {
        return response.getSection(Section.ANSWER).stream().filter(ARecord.class::isInstance)
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).sorted().toList();
    }
}

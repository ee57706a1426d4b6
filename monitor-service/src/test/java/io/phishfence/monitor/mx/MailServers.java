package io.phishfence.monitor.mx;

import io.phishfence.devstack.FreePort;
import io.phishfence.monitor.dns.Dns;
import io.phishfence.monitor.dns.ValidatingDns;
import io.phishfence.monitor.net.AddressGuard;
import io.phishfence.monitor.net.TrustStores;
import io.phishfence.testing.TestCa;
import io.phishfence.testing.TestDnsServer;
import io.phishfence.testing.TestSmtpServer;
import io.phishfence.testing.TestSmtpServer.Misbehaviour;
import io.phishfence.testing.ZoneKey;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.X509TrustManager;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;

/**
 * Real SMTP servers on loopback addresses (127.0.0.20 and up, all on one port), with certificates from a test CA
 * (valid, expired, wrong name, expiring soon), self-signed or from an untrusted CA, without STARTTLS, or
 * misbehaving; a real DNS server with their MX and address records, two DNSSEC-signed zones (one that validates
 * from its trust anchor, one whose anchor does not match its key), and the checks wired to them as the service
 * wires them. Shared by the MX, DANE and DNSSEC tests.
 */
public final class MailServers {

    /** A zone signed and anchored: answers in it validate as secure. */
    public static final String SIGNED_ZONE = "dane.example";
    /** A zone signed with a key other than the anchored one: answers in it are bogus. */
    public static final String FORGED_ZONE = "forged.example";

    /** Generous: on a loaded machine a probe that should succeed must never run out of time. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    public static TestDnsServer dns;
    public static TestCa ca;
    public static int port;
    public static X509TrustManager trust;
    public static Dns resolver;
    public static ValidatingDns validating;
    public static ExecutorService pool;
    public static MxCheck mxCheck;
    public static final List<TestSmtpServer> servers = new ArrayList<>();
    /** The certificates presented, by server address. */
    public static final Map<String, TestCa.Issued> certificates = new HashMap<>();

    private MailServers() {
    }

    public static void start() throws Exception {
        dns = TestDnsServer.start();
        port = FreePort.find();
        ca = TestCa.create("PhishFence Test CA");
        Path certs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "mx-certs-");
        trust = TrustStores.x509(TrustStores.jdkPlus(Optional.of(ca.writePem(certs.resolve("ca.pem")))));
        Instant now = Instant.now();
        Instant yesterday = now.minus(Duration.ofDays(1));
        Instant inNinetyDays = now.plus(Duration.ofDays(90));

        tls("127.0.0.20", ca.issue("mx.valid.example", yesterday, inNinetyDays));
        tls("127.0.0.21", ca.issue("mx.expired.example", now.minus(Duration.ofDays(100)), yesterday));
        tls("127.0.0.22", ca.issue("www.other.example", yesterday, inNinetyDays));
        tls("127.0.0.23", TestCa.selfSigned("mx.selfsigned.example", yesterday, inNinetyDays));
        plain("127.0.0.24");
        misbehaving("127.0.0.25", Misbehaviour.REJECTS_CONNECTION);
        misbehaving("127.0.0.26", Misbehaviour.REFUSES_STARTTLS);
        misbehaving("127.0.0.27", Misbehaviour.BREAKS_TLS);
        misbehaving("127.0.0.28", Misbehaviour.SILENT);
        // 127.0.0.29: nobody listens.
        tls("127.0.0.30", ca.issue("mx.soon.example", yesterday, now.plus(Duration.ofDays(10))));
        tls("127.0.0.31", TestCa.create("Nobody's CA").issue("mx.untrusted.example", yesterday, inNinetyDays));
        tls("127.0.0.40", ca.issue("mx.good." + SIGNED_ZONE, yesterday, inNinetyDays));
        tls("127.0.0.41", ca.issue("mx.ta." + SIGNED_ZONE, yesterday, inNinetyDays));

        mail("valid.example", "mx.valid.example", "127.0.0.20");
        mail("expired.example", "mx.expired.example", "127.0.0.21");
        mail("wrongname.example", "mx.wrongname.example", "127.0.0.22");
        mail("selfsigned.example", "mx.selfsigned.example", "127.0.0.23");
        mail("plain.example", "mx.plain.example", "127.0.0.24");
        mail("rejecting.example", "mx.rejecting.example", "127.0.0.25");
        mail("refusing.example", "mx.refusing.example", "127.0.0.26");
        mail("broken.example", "mx.broken.example", "127.0.0.27");
        mail("silent.example", "mx.silent.example", "127.0.0.28");
        mail("closed.example", "mx.closed.example", "127.0.0.29");
        mail("soon.example", "mx.soon.example", "127.0.0.30");
        mail("untrusted.example", "mx.untrusted.example", "127.0.0.31");
        mail("private.example", "mx.private.example", "10.0.0.25");
        dns.add(new MXRecord(name("noaddress.example"), DClass.IN, 300, 10, name("mx.noaddress.example")));
        dns.add(new MXRecord(name("nullmx.example"), DClass.IN, 300, 0, Name.root));
        dns.add(new ARecord(name("implicit.example"), DClass.IN, 300, InetAddress.getByName("127.0.0.20")));
        dns.addTxt("nomail.example", "v=spf1 -all");

        signedWorld();

        resolver = Dns.using(dns.address(), Duration.ofSeconds(2));
        pool = MxCheck.probePool(8);
        mxCheck = new MxCheck(resolver, new AddressGuard(List.of("127.0.0.0/8")),
                new SmtpProber(port, PROBE_TIMEOUT, "monitor.phishfence.test"), pool, PROBE_TIMEOUT, trust,
                Clock.systemUTC());
    }

    /**
     * {@value #SIGNED_ZONE}: MX hosts whose TLSA records match (DANE-EE, DANE-TA), do not match, are missing, are
     * PKIX-only, or point at a server without STARTTLS. {@value #FORGED_ZONE}: signed with a key its trust anchor
     * does not name.
     */
    private static void signedWorld() throws Exception {
        var zoneKey = ZoneKey.generate(SIGNED_ZONE);
        dns.signZone(zoneKey);
        var forgedKey = ZoneKey.generate(FORGED_ZONE);
        dns.signZone(forgedKey);
        X509Certificate good = certificates.get("127.0.0.40").leaf();

        mail("good." + SIGNED_ZONE, "mx.good." + SIGNED_ZONE, "127.0.0.40");
        tlsa("mx.good." + SIGNED_ZONE, 3, 1, 1, sha256(good.getPublicKey().getEncoded()));

        mail("ta." + SIGNED_ZONE, "mx.ta." + SIGNED_ZONE, "127.0.0.41");
        tlsa("mx.ta." + SIGNED_ZONE, 2, 0, 1, sha256(ca.certificate().getEncoded()));
        tlsa("mx.ta." + SIGNED_ZONE, 1, 1, 1, sha256(good.getPublicKey().getEncoded()));

        mail("bad." + SIGNED_ZONE, "mx.bad." + SIGNED_ZONE, "127.0.0.40");
        tlsa("mx.bad." + SIGNED_ZONE, 3, 1, 1, sha256("some other key".getBytes()));

        mail("none." + SIGNED_ZONE, "mx.none." + SIGNED_ZONE, "127.0.0.40");

        mail("pkix." + SIGNED_ZONE, "mx.pkix." + SIGNED_ZONE, "127.0.0.40");
        tlsa("mx.pkix." + SIGNED_ZONE, 1, 1, 1, sha256(good.getPublicKey().getEncoded()));

        mail("notls." + SIGNED_ZONE, "mx.notls." + SIGNED_ZONE, "127.0.0.24");
        tlsa("mx.notls." + SIGNED_ZONE, 3, 1, 1, sha256(good.getPublicKey().getEncoded()));

        mail("mixed." + SIGNED_ZONE, "mx1.mixed." + SIGNED_ZONE, "127.0.0.40");
        tlsa("mx1.mixed." + SIGNED_ZONE, 3, 1, 1, sha256(good.getPublicKey().getEncoded()));
        dns.add(new MXRecord(name("mixed." + SIGNED_ZONE), DClass.IN, 300, 20, name("mx2.mixed." + SIGNED_ZONE)));
        dns.add(new ARecord(name("mx2.mixed." + SIGNED_ZONE), DClass.IN, 300, InetAddress.getByName("127.0.0.40")));

        // Secure TLSA records of an MX host on a private address, which the monitor does not connect to: the
        // records are there, but there is no certificate to match them against.
        mail("private." + SIGNED_ZONE, "mx.private." + SIGNED_ZONE, "10.0.0.26");
        tlsa("mx.private." + SIGNED_ZONE, 3, 1, 1, sha256(good.getPublicKey().getEncoded()));

        // MX records outside every anchor (insecure) and in the forged zone (bogus), naming hosts whose TLSA
        // records are secure: senders may use them behind the insecure MX records (RFC 7672 2.2.1), not the bogus.
        dns.add(new MXRecord(name("insecure-mx.example"), DClass.IN, 300, 10, name("mx.good." + SIGNED_ZONE)));
        dns.add(new MXRecord(name("insecure-mx-bad.example"), DClass.IN, 300, 10, name("mx.bad." + SIGNED_ZONE)));
        dns.add(new MXRecord(name("bogus-mx." + FORGED_ZONE), DClass.IN, 300, 10, name("mx.good." + SIGNED_ZONE)));

        // MX hosts that are CNAMEs (RFC 7672 2.2.2): one to a host in the signed zone, whose TLSA records are found
        // at the end of the chain; one to a host in an unsigned zone, so its own secure TLSA records go unused.
        dns.add(new MXRecord(name("alias." + SIGNED_ZONE), DClass.IN, 300, 10, name("mx.alias." + SIGNED_ZONE)));
        dns.add(new CNAMERecord(name("mx.alias." + SIGNED_ZONE), DClass.IN, 300, name("mx.good." + SIGNED_ZONE)));
        dns.add(new MXRecord(name("unsigned-alias." + SIGNED_ZONE), DClass.IN, 300, 10,
                name("mx.unsigned-alias." + SIGNED_ZONE)));
        dns.add(new CNAMERecord(name("mx.unsigned-alias." + SIGNED_ZONE), DClass.IN, 300,
                name("mx.unsigned-alias.example")));
        dns.add(new ARecord(name("mx.unsigned-alias.example"), DClass.IN, 300, InetAddress.getByName("127.0.0.40")));
        tlsa("mx.unsigned-alias." + SIGNED_ZONE, 3, 1, 1, sha256(good.getPublicKey().getEncoded()));
        // And one to a host in the forged zone, whose address records are bogus.
        dns.add(new MXRecord(name("bogus-alias." + SIGNED_ZONE), DClass.IN, 300, 10,
                name("mx.bogus-alias." + SIGNED_ZONE)));
        dns.add(new CNAMERecord(name("mx.bogus-alias." + SIGNED_ZONE), DClass.IN, 300, name("mx." + FORGED_ZONE)));
        tlsa("mx.bogus-alias." + SIGNED_ZONE, 3, 1, 1, sha256(good.getPublicKey().getEncoded()));

        mail(FORGED_ZONE, "mx." + FORGED_ZONE, "127.0.0.40");
        tlsa("mx." + FORGED_ZONE, 3, 1, 1, sha256(good.getPublicKey().getEncoded()));
        // Outside every anchor: answers are insecure, TLSA records included.
        tlsa("mx.valid.example", 3, 1, 1, sha256(good.getPublicKey().getEncoded()));

        validating = ValidatingDns.using(dns.address(), Duration.ofSeconds(2),
                List.of(zoneKey.trustAnchor(), ZoneKey.generate(FORGED_ZONE).trustAnchor()));
    }

    private static void tls(String ip, TestCa.Issued issued) throws Exception {
        certificates.put(ip, issued);
        servers.add(TestSmtpServer.withStartTls(InetAddress.getByName(ip), port, issued.serverContext()));
    }

    private static void plain(String ip) throws Exception {
        servers.add(TestSmtpServer.withoutStartTls(InetAddress.getByName(ip), port));
    }

    private static void misbehaving(String ip, Misbehaviour misbehaviour) throws Exception {
        servers.add(TestSmtpServer.misbehaving(InetAddress.getByName(ip), port, misbehaviour));
    }

    private static void mail(String domain, String mx, String ip) throws Exception {
        dns.add(new MXRecord(name(domain), DClass.IN, 300, 10, name(mx)));
        dns.add(new ARecord(name(mx), DClass.IN, 300, InetAddress.getByName(ip)));
    }

    private static void tlsa(String host, int usage, int selector, int matchingType, byte[] data) throws Exception {
        dns.add(new TLSARecord(name("_25._tcp." + host), DClass.IN, 300, usage, selector, matchingType, data));
    }

    public static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }

    public static Name name(String name) throws TextParseException {
        return Name.fromString(name + ".");
    }

    public static void stop() {
        servers.forEach(TestSmtpServer::close);
        servers.clear();
        certificates.clear();
        pool.shutdownNow();
        dns.close();
    }
}

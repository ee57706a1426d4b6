package io.phishfence.monitor.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS questions the checks ask, through dnsjava, of one configured resolver ({@code host[:port]}) or of the
 * system's. CNAMEs are followed by dnsjava's {@link Lookup}. No cache: every check sees what DNS says now.
 */
public final class Dns {

    private final Resolver resolver;

    Dns(Resolver resolver) {
        this.resolver = resolver;
    }

    /** @param server {@code host} or {@code host:port}; null or blank for the system's resolvers */
    public static Dns using(String server, Duration timeout) {
        return new Dns(resolver(server, timeout));
    }

    /**
     * A resolver asking {@code server} ({@code host[:port]}), or the system's resolvers when it is blank, on the
     * thread that asks: the question goes out and its answer comes in on that thread's own socket
     * ({@link BlockingDnsTransport}), and dnsjava's continuation (parsing the answer, asking again over TCP when it
     * was truncated) runs there too. The checks ask from threads that wait for the answer anyway. dnsjava's own
     * transport passes each question to its selector thread and each answer back, and left to itself continues on
     * the common pool, which is a new thread per question on fewer than three cores: in a bench of 60,000 questions
     * (docs/benchmarks.md, session 9) this costs a fifth less CPU per question and answers 40% more per second.
     */
    static Resolver resolver(String server, Duration timeout) {
        Resolver resolver;
        if (server == null || server.isBlank()) {
            var system = new ExtendedResolver() {
                @Override
                public CompletionStage<Message> sendAsync(Message query) {
                    return sendAsync(query, DnsCallbacks.WHERE_ANSWERED);
                }
            };
            for (Resolver each : system.getResolvers()) {
                if (each instanceof SimpleResolver simple) {
                    simple.setIoClientFactory(BlockingDnsTransport.INSTANCE);
                }
            }
            resolver = system;
        } else {
            String host = server.strip();
            int port = 53;
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(':') == colon) {
                port = Integer.parseInt(host.substring(colon + 1));
                host = host.substring(0, colon);
            }
            try {
                var simple = new SimpleResolver(host) {
                    @Override
                    public CompletionStage<Message> sendAsync(Message query) {
                        return sendAsync(query, DnsCallbacks.WHERE_ANSWERED);
                    }
                };
                simple.setPort(port);
                simple.setIoClientFactory(BlockingDnsTransport.INSTANCE);
                resolver = simple;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown DNS server " + server, e);
            }
        }
        resolver.setTimeout(timeout);
        return resolver;
    }

    /** The TXT records at {@code name}, each one's strings joined (RFC 7208 3.3, RFC 8460 3). */
    public DnsAnswer<String> txt(String name) {
        return ask(name, Type.TXT, record -> String.join("", ((TXTRecord) record).getStrings()));
    }

    /** The MX hosts of {@code domain}, lowest preference first, without the trailing dot. */
    public DnsAnswer<String> mx(String domain) {
        DnsAnswer<MXRecord> answer = ask(domain, Type.MX, record -> (MXRecord) record);
        if (answer instanceof DnsAnswer.Found<MXRecord> found) {
            return new DnsAnswer.Found<>(found.values().stream()
                    .sorted(Comparator.comparingInt(MXRecord::getPriority))
                    .map(mx -> withoutDot(mx.getTarget().toString()))
                    .toList());
        }
        return answer instanceof DnsAnswer.NoSuchName<MXRecord> ? new DnsAnswer.NoSuchName<>()
                : new DnsAnswer.Failed<>(((DnsAnswer.Failed<MXRecord>) answer).reason());
    }

    /** The IPv4 and IPv6 addresses of {@code host} (A and AAAA). */
    public DnsAnswer<InetAddress> addresses(String host) {
        DnsAnswer<InetAddress> v4 = ask(host, Type.A, record -> ((ARecord) record).getAddress());
        if (!(v4 instanceof DnsAnswer.Found<InetAddress> found4)) {
            return v4;
        }
        var all = new java.util.ArrayList<>(found4.values());
        all.addAll(ask(host, Type.AAAA, record -> ((AAAARecord) record).getAddress()).valuesOrEmpty());
        return new DnsAnswer.Found<>(all);
    }

    private <T> DnsAnswer<T> ask(String name, int type, Function<Record, T> convert) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
        } catch (TextParseException e) {
            return new DnsAnswer.Failed<>("not a domain name: " + name);
        }
        lookup.setResolver(resolver);
        lookup.setCache(null);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> new DnsAnswer.Found<>(List.of(records).stream().map(convert).toList());
            case Lookup.TYPE_NOT_FOUND -> new DnsAnswer.Found<>(List.of());
            case Lookup.HOST_NOT_FOUND -> new DnsAnswer.NoSuchName<>();
            default -> new DnsAnswer.Failed<>(lookup.getErrorString());
        };
    }

    private static String withoutDot(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}

package io.phishfence.monitor.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * DNS questions whose answers are validated with DNSSEC (RFC 4035) by dnsjava's {@link ValidatingResolver},
 * from configured trust anchors (the root's in production), over the same resolver as {@link Dns}. Each answer
 * says whether it is secure (signed and validated), insecure (provably unsigned, or outside every trust anchor)
 * or bogus (signed, but the signatures do not validate).
 */
public final class ValidatingDns {

    /** What DNSSEC validation concluded about an answer. */
    public enum Security {
        SECURE, INSECURE, BOGUS
    }

    /**
     * @param reason why the validator concluded {@link Security#BOGUS} (or, sometimes, insecure); null otherwise
     */
    public record Validated<T>(Security security, DnsAnswer<T> answer, String reason) {
    }

    /** More CNAMEs in a row than any real chain has (resolvers give up at 8 to 16). */
    private static final int MAX_CNAME_HOPS = 16;

    private final ValidatingResolver resolver;

    private ValidatingDns(ValidatingResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param trustAnchors DS or DNSKEY records in zone-file form
     */
    public static ValidatingDns using(String server, Duration timeout, List<String> trustAnchors) {
        var resolver = new ValidatingResolver(Dns.resolver(server, timeout));
        try {
            resolver.loadTrustAnchors(new ByteArrayInputStream(
                    String.join("\n", trustAnchors).concat("\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read phishfence.monitor.dnssec.trust-anchors", e);
        }
        if (resolver.getTrustAnchors().items().isEmpty()) {
            throw new IllegalArgumentException("phishfence.monitor.dnssec.trust-anchors holds no DS or DNSKEY record");
        }
        return new ValidatingDns(resolver);
    }

    /** The records of {@code type} at {@code name}, converted, with the validator's verdict on them. */
    public <T> Validated<T> ask(String name, int type, Function<Record, T> convert) {
        return ask(name, type, (response, question) -> answer(response, question, convert));
    }

    /**
     * Where the look-up of {@code type} at {@code name} ends once its CNAMEs are followed (RFC 7672 2.2.2's "final
     * name"; {@code name} itself when there is none), with the validator's verdict on the whole chain: secure only
     * when every CNAME and the answer at its end validate.
     */
    public Validated<String> finalName(String name, int type) {
        return ask(name, type, (response, question) -> switch (response.getRcode()) {
            case Rcode.NOERROR, Rcode.NXDOMAIN -> new DnsAnswer.Found<>(List.of(
                    followCnames(response, question.getName()).toString(true).toLowerCase(Locale.ROOT)));
            default -> new DnsAnswer.Failed<>(Rcode.string(response.getRcode()));
        });
    }

    private <T> Validated<T> ask(String name, int type, BiFunction<Message, Record, DnsAnswer<T>> read) {
        Record question;
        try {
            question = Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN);
        } catch (TextParseException e) {
            return new Validated<>(Security.INSECURE, new DnsAnswer.Failed<>("not a domain name: " + name), null);
        }
        Message response;
        try {
            response = send(Message.newQuery(question));
        } catch (IOException e) {
            return new Validated<>(Security.INSECURE, new DnsAnswer.Failed<>(String.valueOf(e.getMessage())), null);
        }
        String reason = reason(response);
        if (response.getHeader().getFlag(Flags.AD)) {
            return new Validated<>(Security.SECURE, read.apply(response, question), reason);
        }
        if (response.getRcode() == Rcode.SERVFAIL && reason != null) {
            return bogusOrFailed(question, reason, read);
        }
        return new Validated<>(Security.INSECURE, read.apply(response, question), reason);
    }

    /** The owner of the last CNAME's target in the answer, following the chain from {@code name}. */
    private static Name followCnames(Message response, Name name) {
        Name current = name;
        for (int hop = 0; hop < MAX_CNAME_HOPS; hop++) {
            Name from = current;
            var alias = response.getSection(Section.ANSWER).stream()
                    .filter(r -> r instanceof CNAMERecord && r.getName().equals(from)).findFirst();
            if (alias.isEmpty()) {
                return current;
            }
            current = ((CNAMERecord) alias.get()).getTarget();
        }
        return current;
    }

    /**
     * The validator also answers SERVFAIL when the resolver behind it failed. Asking again with checking disabled
     * tells the two apart: data that arrives was bogus; a resolver that fails again is a failed look-up.
     */
    private <T> Validated<T> bogusOrFailed(Record question, String reason,
            BiFunction<Message, Record, DnsAnswer<T>> read) {
        Message unchecked = Message.newQuery(question);
        unchecked.getHeader().setFlag(Flags.CD);
        try {
            Message raw = send(unchecked);
            if (raw.getRcode() == Rcode.SERVFAIL) {
                return new Validated<>(Security.INSECURE, new DnsAnswer.Failed<>("the resolver answered SERVFAIL"), null);
            }
            return new Validated<>(Security.BOGUS, read.apply(raw, question), reason);
        } catch (IOException e) {
            return new Validated<>(Security.INSECURE, new DnsAnswer.Failed<>(String.valueOf(e.getMessage())), null);
        }
    }

    /**
     * What {@code resolver.send} does, with the validator's steps on {@link DnsCallbacks}: its own default is a new
     * thread per step on a machine with fewer than three cores.
     */
    private Message send(Message query) throws IOException {
        try {
            return resolver.sendAsync(query, DnsCallbacks.EXECUTOR).toCompletableFuture()
                    .get(resolver.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while resolving " + query.getQuestion().getName());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("timed out resolving " + query.getQuestion().getName());
        }
    }

    private static <T> DnsAnswer<T> answer(Message response, Record question, Function<Record, T> convert) {
        return switch (response.getRcode()) {
            case Rcode.NOERROR -> new DnsAnswer.Found<>(response.getSection(Section.ANSWER).stream()
                    .filter(r -> r.getType() == question.getType())
                    .map(convert).toList());
            case Rcode.NXDOMAIN -> new DnsAnswer.NoSuchName<>();
            default -> new DnsAnswer.Failed<>(Rcode.string(response.getRcode()));
        };
    }

    private static String reason(Message response) {
        return response.getSection(Section.ADDITIONAL).stream()
                .filter(r -> r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord)
                .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                .findFirst().orElse(null);
    }
}

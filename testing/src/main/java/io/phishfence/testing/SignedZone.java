package io.phishfence.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers for a DNSSEC-signed zone, signed as they are asked for (so records a test adds later are signed
 * too): each answer RRset with its RRSIG, and for names or types that do not exist the SOA and the NSEC
 * records that prove it (RFC 4035 3.1.3), computed from the zone's records at that moment.
 */
final class SignedZone {

    private static final long TTL = 300;

    private final ZoneKey key;

    SignedZone(ZoneKey key) {
        this.key = key;
    }

    Name apex() {
        return key.zone();
    }

    /** The records the zone needs at its apex to be signed: its DNSKEY and an SOA. */
    List<Record> apexRecords() {
        try {
            Name apex = key.zone();
            var soa = new SOARecord(apex, DClass.IN, TTL, Name.fromString("ns", apex),
                    Name.fromString("hostmaster", apex), 1, 3600, 600, 86400, TTL);
            return List.of(key.dnskey(), soa);
        } catch (TextParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Fills {@code response} for {@code question}, from the zone's current {@code records}.
     *
     * @return the target of the CNAME at the name, signed into the answer, for the caller to follow; else null
     */
    Name answer(Record question, Map<Name, List<Record>> records, Message response) {
        Name qname = question.getName();
        List<Record> named = records.get(qname);
        if (named != null && !named.isEmpty()) {
            var matching = byType(named.stream()
                    .filter(r -> question.getType() == Type.ANY || r.getType() == question.getType()).toList());
            if (!matching.isEmpty()) {
                matching.values().forEach(rrset -> addSigned(response, rrset, Section.ANSWER));
                return null;
            }
            Record alias = TestDnsServer.cname(named, question.getType());
            if (alias != null) {
                addSigned(response, rrset(List.of(alias)), Section.ANSWER);
                return ((CNAMERecord) alias).getTarget();
            }
        }
        var chain = chain(records);
        addSigned(response, rrset(records.get(apex()).stream().filter(r -> r.getType() == Type.SOA).toList()),
                Section.AUTHORITY);
        boolean exists = named != null && !named.isEmpty()
                || chain.keySet().stream().anyMatch(name -> name.subdomain(qname) && !name.equals(qname));
        if (exists) {
            addSigned(response, rrset(List.of(chain.containsKey(qname) ? chain.get(qname) : covering(chain, qname))),
                    Section.AUTHORITY);
            return null;
        }
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        NSECRecord coveringName = covering(chain, qname);
        addSigned(response, rrset(List.of(coveringName)), Section.AUTHORITY);
        try {
            Name wildcard = Name.concatenate(Name.fromString("*"), closestEncloser(chain, qname));
            NSECRecord coveringWildcard = covering(chain, wildcard);
            if (!coveringWildcard.equals(coveringName)) {
                addSigned(response, rrset(List.of(coveringWildcard)), Section.AUTHORITY);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot prove " + qname + " absent", e);
        }
        return null;
    }

    /** The NSEC record of every name that has records, in canonical order, the last pointing at the apex. */
    private Map<Name, NSECRecord> chain(Map<Name, List<Record>> records) {
        var names = new TreeSet<Name>();
        records.forEach((name, list) -> {
            if (name.subdomain(apex()) && !list.isEmpty()) {
                names.add(name);
            }
        });
        var chain = new LinkedHashMap<Name, NSECRecord>();
        var ordered = new ArrayList<>(names);
        for (int i = 0; i < ordered.size(); i++) {
            Name name = ordered.get(i);
            Name next = ordered.get((i + 1) % ordered.size());
            var types = new TreeSet<Integer>();
            records.get(name).forEach(r -> types.add(r.getType()));
            types.add(Type.RRSIG);
            types.add(Type.NSEC);
            chain.put(name, new NSECRecord(name, DClass.IN, TTL, next, types.stream().mapToInt(Integer::intValue).toArray()));
        }
        return chain;
    }

    /** The NSEC whose owner is the last name before {@code name}: it proves no name lies between. */
    private static NSECRecord covering(Map<Name, NSECRecord> chain, Name name) {
        NSECRecord before = null;
        for (var entry : chain.entrySet()) {
            if (entry.getKey().compareTo(name) < 0) {
                before = entry.getValue();
            }
        }
        return before;
    }

    private Name closestEncloser(Map<Name, NSECRecord> chain, Name name) {
        Name candidate = name;
        while (candidate.labels() > apex().labels()) {
            candidate = new Name(candidate, 1);
            Name encloser = candidate;
            if (chain.keySet().stream().anyMatch(existing -> existing.subdomain(encloser))) {
                return candidate;
            }
        }
        return apex();
    }

    private void addSigned(Message response, RRset rrset, int section) {
        rrset.rrs(false).forEach(record -> response.addRecord(record, section));
        try {
            Instant now = Instant.now();
            response.addRecord(DNSSEC.sign(rrset, key.dnskey(), key.privateKey(), now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(7))), section);
        } catch (DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot sign " + rrset, e);
        }
    }

    private static Map<Integer, RRset> byType(List<Record> records) {
        var sets = new LinkedHashMap<Integer, RRset>();
        for (Record record : records) {
            sets.computeIfAbsent(record.getType(), t -> new RRset()).addRR(record);
        }
        return sets;
    }

    private static RRset rrset(List<? extends Record> records) {
        var rrset = new RRset();
        records.forEach(rrset::addRR);
        return rrset;
    }
}

package io.phishfence.monitor.run;

import io.phishfence.monitor.MonitorConfig;
import io.phishfence.monitor.domain.DomainConsumer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks the domains this instance owns every {@code phishfence.monitor.interval}, each on its own jittered
 * timetable so that checks spread out rather than arrive together.
 */
@ApplicationScoped
public class CheckScheduler {

    private final DomainConsumer domains;
    private final CheckRunner runner;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();

    CheckScheduler(DomainConsumer domains, CheckRunner runner, MonitorConfig config) {
        this.domains = domains;
        this.runner = runner;
        this.interval = config.interval();
    }

    @Scheduled(every = "${phishfence.monitor.schedule-tick:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkDueDomains() {
        Instant now = clock.instant();
        var owned = new java.util.HashSet<String>();
        for (var domain : domains.owned()) {
            String key = domain.key();
            owned.add(key);
            // A newly owned domain is first checked within a minute (or one interval, if shorter).
            Instant due = nextDue.computeIfAbsent(key, k -> now.plus(jitter(firstCheckWithin())));
            if (!due.isAfter(now)) {
                nextDue.put(key, now.plus(interval).plus(jitter(interval.dividedBy(10))));
                runner.run(domain.tenantId(), domain.domain(), "schedule");
            }
        }
        // Domains handed to another instance, or removed, leave the timetable.
        nextDue.keySet().retainAll(owned);
    }

    private Duration firstCheckWithin() {
        return interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
    }

    private static Duration jitter(Duration upTo) {
        long millis = Math.max(1, upTo.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis));
    }
}

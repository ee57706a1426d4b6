package io.phishfence.monitor.run;

import io.phishfence.events.DomainUpserted;
import io.phishfence.monitor.MonitorConfig;
import io.phishfence.monitor.domain.DomainConsumer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Checks the domains this instance owns every {@code phishfence.monitor.interval}, each on its own jittered
 * timetable so that checks spread out rather than arrive together. A domain that comes to this instance (at
 * start-up, or from an instance that left or died) keeps the timetable of its last check, whoever made it: it
 * is checked at once when it is due or overdue, and is not checked twice in one interval by two instances.
 */
@ApplicationScoped
public class CheckScheduler {

    private static final Logger LOG = Logger.getLogger(CheckScheduler.class);

    private final DomainConsumer domains;
    private final CheckRunner runner;
    private final CheckState state;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> nextDue = new ConcurrentHashMap<>();

    CheckScheduler(DomainConsumer domains, CheckRunner runner, CheckState state, MonitorConfig config) {
        this.domains = domains;
        this.runner = runner;
        this.state = state;
        this.interval = config.interval();
    }

    @Scheduled(every = "${phishfence.monitor.schedule-tick:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkDueDomains() {
        Instant now = clock.instant();
        var owned = domains.owned();
        scheduleNewcomers(owned, now);
        var keys = new HashSet<String>();
        for (var domain : owned) {
            String key = domain.key();
            keys.add(key);
            if (!nextDue.get(key).isAfter(now)) {
                nextDue.put(key, now.plus(interval).plus(jitter(interval.dividedBy(10))));
                runner.run(domain.tenantId(), domain.domain(), "schedule").whenComplete((result, failure) -> {
                    // A check that failed (database or Kafka away) is tried again soon, not an interval later.
                    if (failure != null) {
                        nextDue.computeIfPresent(key, (k, due) -> clock.instant().plus(jitter(retryWithin())));
                    }
                });
            }
        }
        // Domains handed to another instance, or removed, leave the timetable.
        nextDue.keySet().retainAll(keys);
    }

    private void scheduleNewcomers(List<DomainUpserted> owned, Instant now) {
        var newcomers = owned.stream().map(DomainUpserted::key).filter(key -> !nextDue.containsKey(key)).toList();
        if (newcomers.isEmpty()) {
            return;
        }
        var lastChecks = lastChecks();
        for (String key : newcomers) {
            nextDue.put(key, lastChecks.map(last -> firstDue(now, last.get(key), interval))
                    .orElseGet(() -> now.plus(jitter(retryWithin()))));
        }
    }

    /**
     * When a domain that this instance has just come to own is first due: one interval after its last check by
     * any instance, or now when it was never checked or that time has passed.
     */
    static Instant firstDue(Instant now, Instant lastChecked, Duration interval) {
        if (lastChecked == null) {
            return now;
        }
        Instant due = lastChecked.plus(interval);
        return due.isAfter(now) ? due : now;
    }

    /** The last checks; empty when the database cannot say (it is away): those domains are tried again soon. */
    private Optional<Map<String, Instant>> lastChecks() {
        try {
            return Optional.of(state.lastChecks());
        } catch (RuntimeException e) {
            LOG.warnf("cannot read when domains were last checked (%s); checking newly owned ones soon", e.getMessage());
            return Optional.empty();
        }
    }

    private Duration retryWithin() {
        return interval.compareTo(Duration.ofMinutes(1)) < 0 ? interval : Duration.ofMinutes(1);
    }

    private static Duration jitter(Duration upTo) {
        long millis = Math.max(1, upTo.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis));
    }
}

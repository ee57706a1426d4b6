package io.phishfence.monitor.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.phishfence.events.DomainChecked;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How many checks ran and what they found: {@code phishfence.monitor.checks} counts each component's result
 * (tags {@code component}, {@code status}), {@code phishfence.monitor.check.duration} times each domain's whole
 * check (tag {@code trigger}). Components are added as checks are written, so their counters are made on first
 * use and kept, and a check looks each one up in a map rather than building a meter id.
 */
@ApplicationScoped
public class CheckMeters {

    private final MeterRegistry registry;
    private final Map<String, Counter> results = new ConcurrentHashMap<>();
    private final Timer scheduled;
    private final Timer requested;

    CheckMeters(MeterRegistry registry) {
        this.registry = registry;
        this.scheduled = duration(registry, "schedule");
        this.requested = duration(registry, "request");
    }

    private static Timer duration(MeterRegistry registry, String trigger) {
        return Timer.builder("phishfence.monitor.check.duration")
                .description("Time to check every component of one domain")
                .tag("trigger", trigger)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    void record(DomainChecked check) {
        ("request".equals(check.trigger()) ? requested : scheduled).record(check.durationMillis(), TimeUnit.MILLISECONDS);
        for (DomainChecked.Component component : check.components()) {
            results.computeIfAbsent(component.name() + '\n' + component.status(), key -> Counter
                    .builder("phishfence.monitor.checks")
                    .description("Component checks run, by component and result (ok, warning, error, missing)")
                    .tag("component", component.name())
                    .tag("status", component.status())
                    .register(registry)).increment();
        }
    }
}

package io.phishfence.monitor.dns;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ForkJoinPool;
import org.jboss.logging.Logger;

/**
 * Says at start-up when the JVM was launched without the common-pool setting of ADR 0021. dnsjava's DNSSEC validator
 * continues some steps (among them the proof that a record does not exist) with {@code handleAsync} and no
 * executor. Below two common-pool threads, the JDK's default on fewer than three cores, {@code CompletableFuture}
 * runs each such step on a thread of its own, started and ended for it. The setting has to be given on the command
 * line: the JDK reads it once, before any application code runs.
 */
@ApplicationScoped
class CommonPoolWarning {

    private static final Logger LOG = Logger.getLogger(CommonPoolWarning.class);

    void onStart(@Observes StartupEvent event) {
        int parallelism = ForkJoinPool.getCommonPoolParallelism();
        if (parallelism < 2) {
            LOG.warnf("The common pool has %d thread(s), so DNSSEC validation starts a thread per answer it proves "
                    + "absent; start the JVM with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2 (ADR 0021)",
                    parallelism);
        }
    }
}

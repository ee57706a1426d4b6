package io.phishfence.monitor.dns;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where dnsjava continues a query once its answer is in (parsing it, falling back to TCP, the validator's next
 * step). Left to itself, dnsjava continues on {@code ForkJoinPool.commonPool()}, which the JDK
 * replaces with a new thread for every task when the machine has fewer than three cores: one thread started and
 * ended per DNS question, a cost in the kernel that no Java profile shows.
 */
final class DnsCallbacks {

    private static final AtomicInteger NUMBER = new AtomicInteger();

    /**
     * For the DNSSEC validator's steps, which verify signatures: never blocking, so the cores suffice; idle threads
     * end.
     */
    static final ExecutorService EXECUTOR = executor(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /**
     * Runs a continuation on the thread that completed its stage: for a plain query, the thread that asked, once
     * its answer is in (see {@link Dns#resolver}). Only for continuations that neither block nor take long.
     */
    static final Executor WHERE_ANSWERED = Runnable::run;

    private DnsCallbacks() {
    }

    private static ExecutorService executor(int threads) {
        var pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    var thread = new Thread(runnable, "dns-callback-" + NUMBER.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}

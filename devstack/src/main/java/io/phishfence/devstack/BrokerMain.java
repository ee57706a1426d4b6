package io.phishfence.devstack;

import java.lang.reflect.InvocationTargetException;

/**
 * Entry point of the broker's child JVM: runs {@code kafka.Kafka}, and ends the broker when the parent
 * process ends, so that a test JVM that dies never leaves a broker behind.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("parent process " + parent.pid() + " ended; stopping the broker");
            System.exit(0);
        }));
        try {
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Kafka broker failed", e.getCause());
        }
    }
}

package io.phishfence.testing;

/** Whether the environment points the tests at an external server instead of an embedded one. */
final class External {

    private External() {
    }

    static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }
}

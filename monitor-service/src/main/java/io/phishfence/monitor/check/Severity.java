package io.phishfence.monitor.check;

/** How bad a finding is, in the words the UI shows. */
public enum Severity {
    OK, INFO, WARNING, ERROR
}

package io.phishfence.monitor.check;

import java.util.List;

/**
 * What a pure parser makes of a record or policy: the value it could read, with warnings, or no value and the
 * findings that say why. Parsers never throw for a broken domain.
 */
public sealed interface Parsed<T> {

    List<Finding> findings();

    /** Usable; {@code warnings} may still say what to improve. */
    record Valid<T>(T value, List<Finding> warnings) implements Parsed<T> {
        public Valid {
            warnings = List.copyOf(warnings);
        }

        @Override
        public List<Finding> findings() {
            return warnings;
        }
    }

    /** Not usable; at least one finding of severity error. */
    record Invalid<T>(List<Finding> findings) implements Parsed<T> {
        public Invalid {
            findings = List.copyOf(findings);
            if (findings.isEmpty()) {
                throw new IllegalArgumentException("an invalid result says why");
            }
        }
    }
}

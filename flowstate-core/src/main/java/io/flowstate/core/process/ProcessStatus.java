package io.flowstate.core.process;

import java.util.Locale;

/** Lifecycle of a process: {@code running → waiting → … → completed | failed | cancelled | expired}. */
public enum ProcessStatus {
    RUNNING, WAITING, COMPLETED, FAILED, CANCELLED, EXPIRED;

    /** True once the process can no longer change. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ProcessStatus fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

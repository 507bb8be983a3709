package io.flowstate.core.flow;

import java.util.Locale;

/** Where a process's state lives between requests. */
public enum Mode {
    /** The client holds the process id; every request reads the store. */
    PROCESS,
    /** Process mode plus a per-instance near cache kept current by store events. */
    HYBRID,
    /** Nothing stored per process: the state travels in a signed, encrypted token. */
    TOKEN,
    /** Legacy: state in a server-side HTTP session behind a cookie (deprecated). */
    SESSION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromWire(String name) {
        for (Mode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "' (expected process, hybrid, token or session)");
    }
}

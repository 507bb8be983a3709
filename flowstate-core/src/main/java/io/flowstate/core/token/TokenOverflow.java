package io.flowstate.core.token;

import java.util.Locale;

/**
 * What the server does when a transition would produce a token larger than {@code token.maxBytes}
 * ({@code token.overflow}). The codec only reports {@link EncodeResult.TokenTooLarge}; the server acts on this.
 */
public enum TokenOverflow {
    /** Refuse the transition with 413 {@code token_too_large}; nothing changes. */
    REJECT,
    /** Move the process to the store and answer with its {@code processId}; the client continues in process mode. */
    PROCESS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code reject} or {@code process}; anything else is a configuration error naming {@code token.overflow}. */
    public static TokenOverflow fromWire(String name) {
        for (TokenOverflow overflow : values()) {
            if (overflow.wireName().equals(name)) {
                return overflow;
            }
        }
        throw new IllegalArgumentException("token.overflow must be reject or process, was '" + name + "'");
    }
}

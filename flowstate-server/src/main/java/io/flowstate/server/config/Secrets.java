package io.flowstate.server.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides credentials before a configuration value reaches a log line or an error message. */
public final class Secrets {

    /** What a hidden secret prints as. */
    public static final String MASK = "***";

    // The authority ends at the first '/', '?' or '#'; the greedy match takes the last '@' before it, so a
    // password that itself contains '@' is still hidden whole.
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)@");

    private Secrets() {
    }

    /**
     * The URL with its password replaced by {@value #MASK}: {@code redis://:secret@host} becomes
     * {@code redis://:***@host} and {@code redis://user:secret@host} becomes {@code redis://user:***@host}.
     * User info without a colon is hidden whole, because Redis URLs read {@code redis://secret@host} as a
     * password. Anything that is not a URL with user info is returned unchanged.
     */
    public static String redactUrl(String url) {
        Matcher matcher = USER_INFO.matcher(url);
        if (!matcher.find()) {
            return url;
        }
        String userInfo = matcher.group(2);
        int colon = userInfo.indexOf(':');
        String redacted = colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK;
        return matcher.group(1) + redacted + "@" + url.substring(matcher.end());
    }
}

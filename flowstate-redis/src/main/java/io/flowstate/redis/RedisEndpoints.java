package io.flowstate.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Redis servers named by a {@link RedisStoreOptions#uri()}: one URI for a standalone server or a
 * Sentinel group (Lettuce reads both natively), or the seed nodes of a cluster.
 */
record RedisEndpoints(boolean cluster, List<RedisURI> uris) {

    RedisEndpoints {
        uris = List.copyOf(uris);
    }

    static RedisEndpoints parse(String uri) {
        String trimmed = uri.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("redis-cluster://") || lower.startsWith("rediss-cluster://")) {
                boolean tls = lower.startsWith("rediss-");
                String rest = trimmed.substring(trimmed.indexOf("://") + 3);
                String userInfo = "";
                int at = rest.lastIndexOf('@');
                if (at >= 0) {
                    userInfo = rest.substring(0, at + 1);
                    rest = rest.substring(at + 1);
                }
                List<RedisURI> nodes = new ArrayList<>();
                for (String node : rest.split(",")) {
                    nodes.add(RedisURI.create((tls ? "rediss://" : "redis://") + userInfo + node.trim()));
                }
                return new RedisEndpoints(true, nodes);
            }
            boolean sentinel = lower.startsWith("redis-sentinel://") || lower.startsWith("rediss-sentinel://");
            if (!sentinel && trimmed.contains(",")) {
                List<RedisURI> nodes = new ArrayList<>();
                for (String node : trimmed.split(",")) {
                    nodes.add(RedisURI.create(node.trim()));
                }
                return new RedisEndpoints(true, nodes);
            }
            return new RedisEndpoints(false, List.of(RedisURI.create(trimmed)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uri is not a Redis URI (" + e.getMessage() + "): "
                    + redact(trimmed), e);
        }
    }

    /**
     * The URI without its password, for messages and logs: {@code redis://user:secret@h} becomes
     * {@code redis://user:***@h}, and user info without a colon (which Redis reads as a password) is hidden whole.
     */
    static String redact(String uri) {
        return uri.replaceAll("(://[^:@/,]*:)[^@/]*@", "$1***@").replaceAll("://[^:@/,]+@", "://***@");
    }
}

package io.flowstate.server;

import io.flowstate.testkit.redis.RedisServer;
import io.flowstate.testkit.redis.RespConnection;
import java.util.ArrayList;
import java.util.List;

/** Reads which keys a test's own Redis holds, with {@code SCAN} (never {@code KEYS}, like an operator would). */
final class RedisKeyScan {
    private RedisKeyScan() {
    }

    /** Every key matching the glob {@code pattern}. */
    static List<String> keys(RedisServer redis, String pattern) {
        List<String> keys = new ArrayList<>();
        try (RespConnection connection = redis.connect()) {
            String cursor = "0";
            do {
                List<?> reply = (List<?>) connection.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
                cursor = (String) reply.get(0);
                for (Object key : (List<?>) reply.get(1)) {
                    keys.add((String) key);
                }
            } while (!cursor.equals("0"));
        }
        return keys;
    }

    /** The keys of one process: everything under its hash tag {@code fs:{<id>}}. */
    static List<String> keysOf(RedisServer redis, String processId) {
        return keys(redis, "fs:{" + processId + "}*");
    }

    /** True when the expiry index {@code fs:expiry} has an entry for {@code tag}. */
    static boolean indexed(RedisServer redis, String tag) {
        return redis.call("ZSCORE", "fs:expiry", tag) != null;
    }
}

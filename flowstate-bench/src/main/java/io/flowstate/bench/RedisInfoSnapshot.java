package io.flowstate.bench;

import io.flowstate.testkit.redis.RedisServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a redis-server reports about itself at one moment ({@code INFO cpu}, {@code INFO stats},
 * {@code INFO memory}, {@code INFO commandstats}), so a benchmark can take the difference of two moments.
 *
 * @param mainThreadCpuMicros {@code used_cpu_user_main_thread + used_cpu_sys_main_thread}: the thread that runs
 *                            every command, and so the one that bounds a shard
 * @param processCpuMicros    {@code used_cpu_user + used_cpu_sys}, every thread of the server
 * @param netInputBytes       {@code total_net_input_bytes}
 * @param netOutputBytes      {@code total_net_output_bytes}
 * @param usedMemory          {@code used_memory}
 * @param calls               calls per command ({@code cmdstat_<name>:calls}), commands run inside scripts included
 * @param usec                microseconds spent per command ({@code usec}); a script's figure includes the
 *                            commands it runs
 */
record RedisInfoSnapshot(double mainThreadCpuMicros, double processCpuMicros, long netInputBytes,
                         long netOutputBytes, long usedMemory, Map<String, Long> calls, Map<String, Long> usec) {

    static RedisInfoSnapshot of(RedisServer redis) {
        StringBuilder info = new StringBuilder();
        for (String section : new String[] {"cpu", "stats", "memory", "commandstats"}) {
            info.append(redis.call("INFO", section)).append("\r\n");
        }
        return parse(info.toString());
    }

    /** Reads the fields this record keeps from the text of {@code INFO} (any sections, in any order). */
    static RedisInfoSnapshot parse(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Long> calls = new LinkedHashMap<>();
        Map<String, Long> usec = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.startsWith("#")) {
                continue;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1);
            if (name.startsWith("cmdstat_")) {
                String command = name.substring("cmdstat_".length());
                calls.put(command, Long.parseLong(field(value, "calls")));
                usec.put(command, Long.parseLong(field(value, "usec")));
            } else {
                fields.put(name, value);
            }
        }
        return new RedisInfoSnapshot(
                seconds(fields, "used_cpu_user_main_thread") + seconds(fields, "used_cpu_sys_main_thread"),
                seconds(fields, "used_cpu_user") + seconds(fields, "used_cpu_sys"),
                Long.parseLong(required(fields, "total_net_input_bytes")),
                Long.parseLong(required(fields, "total_net_output_bytes")),
                Long.parseLong(required(fields, "used_memory")), Map.copyOf(calls), Map.copyOf(usec));
    }

    long callsSince(RedisInfoSnapshot before, String command) {
        return calls.getOrDefault(command, 0L) - before.calls.getOrDefault(command, 0L);
    }

    long usecSince(RedisInfoSnapshot before, String command) {
        return usec.getOrDefault(command, 0L) - before.usec.getOrDefault(command, 0L);
    }

    private static String field(String value, String name) {
        for (String part : value.split(",")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + value);
    }

    private static double seconds(Map<String, String> fields, String name) {
        return Double.parseDouble(required(fields, name)) * 1_000_000;
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalStateException("INFO has no " + name + " (Redis 7 or newer reports it)");
        }
        return value;
    }
}

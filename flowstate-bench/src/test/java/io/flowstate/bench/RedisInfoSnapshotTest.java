package io.flowstate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class RedisInfoSnapshotTest {

    /** Lines as redis-server 7.0 writes them (INFO cpu, stats, memory, commandstats), trimmed to what is read. */
    private static String info(String cpuUser, String calls, String usec, long netIn) {
        return String.join("\r\n",
                "# CPU",
                "used_cpu_sys:0.005470",
                "used_cpu_user:" + cpuUser,
                "used_cpu_sys_main_thread:0.004375",
                "used_cpu_user_main_thread:" + cpuUser,
                "",
                "# Stats",
                "total_commands_processed:5",
                "total_net_input_bytes:" + netIn,
                "total_net_output_bytes:2000",
                "# Memory",
                "used_memory:1048576",
                "used_memory_human:1.00M",
                "# Commandstats",
                "cmdstat_evalsha:calls=" + calls + ",usec=" + usec + ",usec_per_call=2.00,rejected_calls=0,failed_calls=0",
                "cmdstat_get:calls=2,usec=2,usec_per_call=1.00,rejected_calls=0,failed_calls=0",
                "");
    }

    @Test
    void readsMainThreadCpuInMicrosecondsAndTheCountersItNeeds() {
        RedisInfoSnapshot snapshot = RedisInfoSnapshot.parse(info("0.008750", "3", "6", 1000));

        assertThat(snapshot.mainThreadCpuMicros()).isCloseTo(4375 + 8750, offset(0.01));
        assertThat(snapshot.processCpuMicros()).isCloseTo(5470 + 8750, offset(0.01));
        assertThat(snapshot.netInputBytes()).isEqualTo(1000);
        assertThat(snapshot.netOutputBytes()).isEqualTo(2000);
        assertThat(snapshot.usedMemory()).isEqualTo(1048576);
        assertThat(snapshot.calls()).containsEntry("evalsha", 3L).containsEntry("get", 2L);
        assertThat(snapshot.usec()).containsEntry("evalsha", 6L);
    }

    @Test
    void givesCallsAndMicrosecondsSinceAnEarlierSnapshot() {
        RedisInfoSnapshot before = RedisInfoSnapshot.parse(info("0.008750", "3", "6", 1000));
        RedisInfoSnapshot after = RedisInfoSnapshot.parse(info("0.018750", "103", "1506", 51000));

        assertThat(after.callsSince(before, "evalsha")).isEqualTo(100);
        assertThat(after.usecSince(before, "evalsha")).isEqualTo(1500);
        assertThat(after.callsSince(before, "get")).isZero();
        assertThat(after.callsSince(before, "hset")).isZero();
        assertThat(after.mainThreadCpuMicros() - before.mainThreadCpuMicros())
                .isCloseTo(10_000, offset(0.01));
    }

    @Test
    void namesTheFieldARedisWithoutPerThreadCpuLacks() {
        String old = info("0.008750", "3", "6", 1000).replace("used_cpu_user_main_thread", "something_else");

        assertThatThrownBy(() -> RedisInfoSnapshot.parse(old)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("used_cpu_user_main_thread");
    }
}

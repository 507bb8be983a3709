package io.flowstate.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisClusterServerIT {

    @Test
    void formsAClusterOfThreeMastersWithEverySlotAssigned() {
        try (RedisClusterServer cluster = RedisClusterServer.start()) {
            assertThat(cluster.nodes()).hasSize(3);
            for (RedisServer node : cluster.nodes()) {
                String info = String.valueOf(node.call("CLUSTER", "INFO"));
                assertThat(info).contains("cluster_state:ok", "cluster_slots_assigned:16384",
                        "cluster_known_nodes:3");
            }
            assertThat(cluster.uri().split(",")).hasSize(3).allMatch(uri -> uri.startsWith("redis://127.0.0.1:"));
        }
    }
}

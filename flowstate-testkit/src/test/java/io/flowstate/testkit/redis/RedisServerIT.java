package io.flowstate.testkit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerIT {

    @Test
    void startsOnAFreePortOtherThanTheStandardOneAndAnswersPing() {
        try (RedisServer server = RedisServer.start()) {
            assertThat(server.port()).isNotEqualTo(6379);
            assertThat(server.call("PING")).isEqualTo("PONG");
            assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + server.port());
            assertThat(String.valueOf(server.call("CONFIG", "GET", "save"))).isEqualTo("[save, ]");
        }
    }

    @Test
    void keepsAcknowledgedWritesAcrossAKillWhenDurable() {
        try (RedisServer server = RedisServer.start(RedisServerOptions.durable())) {
            // given
            server.call("SET", "answer", "42");
            long firstPid = server.pid();

            // when
            server.killHard();
            server.restart();

            // then
            assertThat(server.pid()).isNotEqualTo(firstPid);
            assertThat(server.call("GET", "answer")).isEqualTo("42");
        }
    }

    @Test
    void refusesConnectionsOnceStoppedAndServesAgainAfterRestartOnTheSamePort() {
        try (RedisServer server = RedisServer.start()) {
            int port = server.port();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(server::connect).isInstanceOf(UncheckedIOException.class);

            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void monitorSeparatesClientCommandsFromScriptInternals() {
        try (RedisServer server = RedisServer.start(); RedisMonitor monitor = RedisMonitor.start(server)) {
            server.call("EVAL", "redis.call('SET', KEYS[1], ARGV[1]) return 1", "1", "k", "v");
            server.call("PING");
            monitor.awaitLine("\"PING\"", java.time.Duration.ofSeconds(5));

            List<String> client = monitor.clientCommands();
            assertThat(client).hasSize(2);
            assertThat(monitor.lines()).hasSize(3);
        }
    }
}

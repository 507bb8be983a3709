package io.flowstate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStoreOptionsTest {

    @Test
    void readsAStandaloneUriWithTlsAndPassword() {
        RedisEndpoints endpoints = RedisEndpoints.parse("rediss://:secret@cache.internal:6380/2");

        assertThat(endpoints.cluster()).isFalse();
        RedisURI uri = endpoints.uris().getFirst();
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getHost()).isEqualTo("cache.internal");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(2);
        assertThat(password(uri)).isEqualTo("secret");
    }

    @Test
    void readsASentinelGroupAsOneUriEvenWithSeveralSentinels() {
        RedisEndpoints endpoints = RedisEndpoints.parse("redis-sentinel://s1:26379,s2:26379#primary");

        assertThat(endpoints.cluster()).isFalse();
        RedisURI uri = endpoints.uris().getFirst();
        assertThat(uri.getSentinels()).hasSize(2);
        assertThat(uri.getSentinelMasterId()).isEqualTo("primary");
    }

    @Test
    void readsAClusterFromTheClusterSchemeOrFromAListOfNodes() {
        RedisEndpoints scheme = RedisEndpoints.parse("redis-cluster://:pw@n1:7000,n2:7001,n3:7002");
        RedisEndpoints list = RedisEndpoints.parse("redis://n1:7000, redis://n2:7001");

        assertThat(scheme.cluster()).isTrue();
        assertThat(scheme.uris()).extracting(RedisURI::getPort).containsExactly(7000, 7001, 7002);
        assertThat(scheme.uris()).allSatisfy(uri -> assertThat(password(uri)).isEqualTo("pw"));
        assertThat(list.cluster()).isTrue();
        assertThat(list.uris()).extracting(RedisURI::getHost).containsExactly("n1", "n2");
        assertThat(RedisEndpoints.parse("rediss-cluster://n1:7000").uris().getFirst().isSsl()).isTrue();
    }

    @Test
    void defaultsToTwoSecondTimeoutsAndTheFsPrefix() {
        RedisStoreOptions options = RedisStoreOptions.of("redis://localhost:6390");

        assertThat(options.commandTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.keyPrefix()).isEqualTo("fs");
        assertThat(options.isCluster()).isFalse();
    }

    @Test
    void namesTheOffendingSettingAndHidesPasswords() {
        RedisStoreOptions valid = RedisStoreOptions.of("redis://localhost:6390");

        assertThatThrownBy(() -> valid.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> valid.withEventLogCapacity(0)).hasMessageContaining("eventLogCapacity");
        assertThatThrownBy(() -> valid.withKeyPrefix("a{b}")).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> RedisStoreOptions.of("http://user:hunter2@host"))
                .hasMessageContaining("uri")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void readsATlsSentinelGroupAsOneUri() {
        assertThat(RedisEndpoints.parse("rediss-sentinel://s1:26379,s2:26379#primary").cluster()).isFalse();
    }

    @Test
    void hidesPasswordsInEveryFormRedisReadsThem() {
        assertThat(RedisEndpoints.redact("redis://:s3cret@cache:6379")).isEqualTo("redis://:***@cache:6379");
        assertThat(RedisEndpoints.redact("redis://user:s3cret@cache")).isEqualTo("redis://user:***@cache");
        assertThat(RedisEndpoints.redact("redis://s3cret@cache")).isEqualTo("redis://***@cache");
        assertThat(RedisEndpoints.redact("redis://cache:6379/0")).isEqualTo("redis://cache:6379/0");
    }

    private static String password(RedisURI uri) {
        return new String(uri.getCredentialsProvider().resolveCredentials().block().getPassword());
    }

    @Test
    void givesEachProcessItsOwnHashTagAndSpreadsOtherScopes() {
        RedisKeys keys = new RedisKeys("fs");
        String process = "0f8fad5b-d9cb-469f-a165-70867728950e";

        assertThat(new String(keys.process(process))).isEqualTo("fs:{" + process + "}:p");
        assertThat(RedisKeys.idempotencyTag(process, "k")).isEqualTo(process);
        assertThat(RedisKeys.idempotencyTag("flow:signup", "a")).startsWith("i:")
                .isNotEqualTo(RedisKeys.idempotencyTag("flow:signup", "b"));
        assertThat(RedisKeys.idempotencyTag(process.toUpperCase(), "k")).startsWith("i:");
    }
}

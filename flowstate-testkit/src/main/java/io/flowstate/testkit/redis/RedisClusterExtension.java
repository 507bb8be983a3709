package io.flowstate.testkit.redis;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a private 3-master Redis Cluster for a test class (register it on a static field) and stops it
 * afterwards. {@link #uri()} is the comma-separated seed list a cluster client takes.
 */
public final class RedisClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private @Nullable RedisClusterServer cluster;

    public RedisClusterServer cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the Redis cluster runs only while the test class runs");
        }
        return cluster;
    }

    public String uri() {
        return cluster().uri();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = RedisClusterServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }
}

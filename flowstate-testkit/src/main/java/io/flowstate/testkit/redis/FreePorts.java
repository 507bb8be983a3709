package io.flowstate.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Picks loopback ports that are free right now. Another process may take a port before Redis binds it,
 * so callers retry a failed start with a new port.
 */
final class FreePorts {

    /** Well-known ports of services that may run on a developer's machine; never handed out. */
    private static final Set<Integer> RESERVED = Set.of(6379, 16379, 26379, 5432, 3306, 5672, 4222, 1883);

    private FreePorts() {
    }

    static int next() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!RESERVED.contains(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port", e);
            }
        }
        throw new IllegalStateException("no free loopback port found");
    }
}

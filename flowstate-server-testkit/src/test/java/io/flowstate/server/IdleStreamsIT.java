package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowstate.server.testkit.FastEvents;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Idle streams wait on virtual threads: holding many costs no platform thread each. */
@FlowstateServerTest(flows = "src/test/resources/flows", configure = FastEvents.class)
class IdleStreamsIT {

    private static final int STREAMS = 200;

    @Test
    void holdsManyIdleStreamsWithoutAPlatformThreadEach(ServerUnderTest server) throws IOException {
        Http http = server.http();
        String id = http.post("/workflow/start", "{\"flow\": \"notes\"}").json().get("processId").asText();
        int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                sockets.add(openStream(server.port(), "/process/" + id + "/events"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.server().openStreams() == STREAMS);

            int platformThreadsWithStreams = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(platformThreadsWithStreams - platformThreadsBefore).as("platform threads added")
                    .isLessThan(10);

            http.patch("/process/" + id + "/state", "{\"n\": 1}");
            for (Socket socket : sockets) {
                assertThat(readUntil(socket.getInputStream(), "state.updated")).isTrue();
            }
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** A bare socket client: sends the request and reads until its snapshot arrived, then stays idle. */
    private static Socket openStream(int port, String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readUntil(socket.getInputStream(), "process.snapshot")).isTrue();
        return socket;
    }

    private static boolean readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (seen.indexOf(marker) < 0 || seen.indexOf("\n\n", seen.indexOf(marker)) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return true;
    }
}

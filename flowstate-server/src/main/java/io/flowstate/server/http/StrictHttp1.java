package io.flowstate.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.common.concurrency.limits.Limit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Helidon's HTTP/1.1 connections, each reading through a {@link StrictHttp1Reader}. Registered ahead of the listener's
 * own HTTP/1.1 selector, it takes every HTTP/1 connection; the upgrades (WebSocket) come from the same protocol
 * configurations as the listener's.
 */
public final class StrictHttp1 implements ServerConnectionSelector {

    private final ServerConnectionSelector http1;

    private StrictHttp1(ServerConnectionSelector http1) {
        this.http1 = http1;
    }

    /** A selector whose connections upgrade to the given protocols, as the listener's would. */
    public static StrictHttp1 selector(List<ProtocolConfig> upgrades) {
        return new StrictHttp1(new Http1ConnectionProvider().create("@default", Http1Config.create(),
                ProtocolConfigs.create(upgrades)));
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    /**
     * What Helidon's HTTP/1.1 selector takes, a first request line that ends in {@code HTTP/1.0}, and a first line
     * too long to end in the first bytes (the request-line parser then answers 414 instead of a closed connection).
     */
    @Override
    public Support supports(BufferData request) {
        Support http11 = http1.supports(request);
        if (http11 != Support.UNSUPPORTED) {
            return http11;
        }
        request.rewind();
        int lineEnd = request.indexOf((byte) '\n');
        if (lineEnd < 0) {
            return Support.SUPPORTED;
        }
        return request.readString(lineEnd).endsWith(" HTTP/1.0\r") ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext context) {
        StrictHttp1Reader reader = new StrictHttp1Reader(context.dataReader());
        return new StrictConnection(http1.connection(new StrictContext(context, reader)), reader);
    }

    /**
     * The connection as the listener's idle check sees it: idle while it waits for the client's bytes, in the middle
     * of a request as between requests, and cut off when closed for it (which Helidon does only before a request line).
     */
    private record StrictConnection(ServerConnection http1, StrictHttp1Reader reader) implements ServerConnection {

        @Override
        public void handle(Limit limit) throws InterruptedException {
            http1.handle(limit);
        }

        @Override
        public void handle(Semaphore requestSemaphore) throws InterruptedException {
            http1.handle(requestSemaphore);
        }

        @Override
        public Duration idleTime() {
            return reader.silentFor();
        }

        @Override
        public void close(boolean interrupt) {
            http1.close(interrupt);
            reader.cutOff();
        }
    }

    /** The connection's context with its reader replaced. */
    private record StrictContext(ConnectionContext connection, DataReader dataReader) implements ConnectionContext {

        @Override
        public ListenerContext listenerContext() {
            return connection.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return connection.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return connection.dataWriter();
        }

        @Override
        public Router router() {
            return connection.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return connection.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return connection.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return connection.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return connection.localPeer();
        }

        @Override
        public boolean isSecure() {
            return connection.isSecure();
        }

        @Override
        public String socketId() {
            return connection.socketId();
        }

        @Override
        public String childSocketId() {
            return connection.childSocketId();
        }
    }
}

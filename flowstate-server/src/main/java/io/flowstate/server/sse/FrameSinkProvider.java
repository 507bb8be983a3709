package io.flowstate.server.sse;

import io.helidon.common.GenericType;
import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.spi.Sink;
import io.helidon.webserver.http.spi.SinkProvider;
import io.helidon.webserver.http.spi.SinkProviderContext;
import java.util.function.BiConsumer;

/** Lets {@code response.sink(FrameSink.TYPE)} open a {@link FrameSink} (found through {@code META-INF/services}). */
public final class FrameSinkProvider implements SinkProvider<byte[]> {

    @Override
    public boolean supports(GenericType<? extends Sink<?>> type, ServerRequest request) {
        return FrameSink.TYPE.equals(type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <X extends Sink<byte[]>> X create(SinkProviderContext context) {
        ServerResponse response = context.serverResponse();
        response.header(HeaderNames.CONTENT_TYPE, MediaTypes.TEXT_EVENT_STREAM.text());
        FrameSink sink = new FrameSink(response.outputStream(), context.closeRunnable());
        context.flushHeaders();
        return (X) sink;
    }

    /** Helidon's older entry point, without the context that sends the headers at once. */
    @Override
    @SuppressWarnings("unchecked")
    public <X extends Sink<byte[]>> X create(ServerResponse response, BiConsumer<Object, MediaType> eventConsumer,
                                             Runnable closeRunnable) {
        response.header(HeaderNames.CONTENT_TYPE, MediaTypes.TEXT_EVENT_STREAM.text());
        return (X) new FrameSink(response.outputStream(), closeRunnable);
    }
}

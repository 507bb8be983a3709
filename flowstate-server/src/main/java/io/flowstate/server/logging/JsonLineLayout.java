package io.flowstate.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code log.format = json}: one JSON object a line with {@code time}, {@code level}, {@code logger},
 * {@code message}, {@code thread}, then the request context when there is one ({@code requestId},
 * {@code processId}, {@code flow}, {@code traceId}), and {@code exception} with the stack trace. Log shippers read
 * it without a parsing rule.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final List<String> CONTEXT = List.of(RequestContext.REQUEST_ID, RequestContext.PROCESS_ID,
            RequestContext.FLOW, RequestContext.TRACE_ID);

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("message", event.getFormattedMessage());
            json.writeStringField("thread", event.getThreadName());
            Map<String, String> mdc = event.getMDCPropertyMap();
            for (String key : CONTEXT) {
                String value = mdc == null ? null : mdc.get(key);
                if (value != null) {
                    json.writeStringField(key, value);
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append(CoreConstants.LINE_SEPARATOR).toString();
    }
}

package dev.sluice.server;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import org.apache.flink.runtime.rest.handler.util.HandlerUtils;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpUtil;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of Sluice's checks in front of a REST endpoint (FLIP-181 inbound handler): each request is
 * let through, or answered with the reason in Flink's JSON error shape and never reaches a handler.
 */
abstract class RequestCheck extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RequestCheck.class);

    private final HttpResponseStatus status;
    private final Map<String, String> responseHeaders;

    RequestCheck(HttpResponseStatus status, Map<String, String> responseHeaders) {
        this.status = requireNonNull(status, "status is null");
        this.responseHeaders = requireNonNull(responseHeaders, "responseHeaders is null");
    }

    /** Why {@code request} is refused; empty lets it through. */
    abstract Optional<String> refusal(ChannelHandlerContext ctx, HttpRequest request);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        Optional<String> refusal =
                msg instanceof HttpRequest request ? refusal(ctx, request) : Optional.empty();
        if (refusal.isEmpty()) {
            ctx.fireChannelRead(msg);
            return;
        }
        // Keep the connection when the client asked to: one that is closed without a
        // "Connection: close" is reused by HTTP clients, whose next request then fails.
        HttpRequest request = (HttpRequest) msg;
        LOG.info(
                "refused {} {} from {}: {}",
                request.method(),
                request.uri(),
                ctx.channel().remoteAddress(),
                refusal.get());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ReferenceCountUtil.release(msg);
        String escaped = refusal.get().replace("\\", "\\\\").replace("\"", "\\\"");
        HandlerUtils.sendResponse(
                ctx, keepAlive, "{\"errors\":[\"" + escaped + "\"]}", status, responseHeaders);
    }
}

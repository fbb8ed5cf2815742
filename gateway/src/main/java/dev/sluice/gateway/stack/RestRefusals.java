package dev.sluice.gateway.stack;

import java.util.Map;
import org.apache.flink.runtime.rest.handler.util.HandlerUtils;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpUtil;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

/** How Sluice's REST checks answer a request they refuse: Flink's JSON error shape. */
final class RestRefusals {

    private RestRefusals() {}

    static void refuse(
            ChannelHandlerContext ctx,
            Object request,
            HttpResponseStatus status,
            String message,
            Map<String, String> responseHeaders) {
        // Keep the connection when the client asked to: one that is closed without a
        // "Connection: close" is reused by HTTP clients, whose next request then fails.
        boolean keepAlive = request instanceof HttpRequest http && HttpUtil.isKeepAlive(http);
        ReferenceCountUtil.release(request);
        String escaped = message.replace("\\", "\\\\").replace("\"", "\\\"");
        HandlerUtils.sendResponse(
                ctx, keepAlive, "{\"errors\":[\"" + escaped + "\"]}", status, responseHeaders);
    }
}

package dev.sluice.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.io.network.netty.OutboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelOutboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelPromise;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;

/**
 * Gives the gateway's own REST calls to the embedded cluster (job submission, {@code SHOW JOBS},
 * {@code STOP JOB}) the cluster's token (FLIP-181 outbound handler).
 *
 * <p>The token lives in this JVM-wide registry, keyed by the cluster's REST address, rather than in
 * the sessions' configuration: Flink builds a REST client per submission from the session's
 * configuration, and a session can list its whole configuration with {@code SET}. Flink's
 * ServiceLoader makes this factory with no arguments, so a registry is the only way in.
 */
public final class FlinkRestCredentials implements OutboundChannelHandlerFactory {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    public static void register(String host, int port, String token) {
        TOKENS.put(host + ":" + port, token);
    }

    public static void unregister(String host, int port) {
        TOKENS.remove(host + ":" + port);
    }

    /** The token of the embedded cluster at that address, if this JVM runs one. */
    public static Optional<String> tokenFor(String host, int port) {
        return Optional.ofNullable(TOKENS.get(host + ":" + port));
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<ChannelHandler> createHandler(Configuration configuration) {
        String host = configuration.get(RestOptions.ADDRESS);
        int port = configuration.get(RestOptions.PORT);
        return tokenFor(host, port).map(AddToken::new);
    }

    @ChannelHandler.Sharable
    private static final class AddToken extends ChannelOutboundHandlerAdapter {
        private final String header;

        AddToken(String token) {
            this.header = "Bearer " + token;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
                throws Exception {
            if (msg instanceof HttpRequest request) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, header);
            }
            super.write(ctx, msg, promise);
        }
    }
}

package dev.sluice.server;

import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A bearer token in front of every request to the gateway's REST endpoint (Flink's inbound handler
 * extension, FLIP-181). Only endpoints configured with a token get the check: the embedded Flink
 * cluster's REST API does not. Clients send it as {@code Authorization: Bearer TOKEN}; Flink's JDBC
 * driver and SQL client take it from {@code FLINK_REST_CLIENT_HEADERS}.
 */
public final class TokenAuthentication implements InboundChannelHandlerFactory {

    /** "token" in the key makes Flink mask the value wherever it prints configuration. */
    static final ConfigOption<String> TOKEN =
            ConfigOptions.key("sluice.gateway.auth.token")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Bearer token every request must carry.");

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<ChannelHandler> createHandler(
            Configuration configuration, Map<String, String> responseHeaders) {
        return configuration.getOptional(TOKEN).map(token -> new Check(token, responseHeaders));
    }

    @ChannelHandler.Sharable
    private static final class Check extends RequestCheck {
        private final BearerToken token;

        Check(String token, Map<String, String> responseHeaders) {
            super(HttpResponseStatus.UNAUTHORIZED, responseHeaders);
            this.token = new BearerToken(token);
        }

        @Override
        Optional<String> refusal(ChannelHandlerContext ctx, HttpRequest request) {
            return token.carriedBy(request)
                    ? Optional.empty()
                    : Optional.of(
                            "this gateway needs a token: send the header 'Authorization: Bearer <token>'"
                                    + " (JDBC driver and SQL client: FLINK_REST_CLIENT_HEADERS, sluice commands:"
                                    + " SLUICE_GATEWAY_TOKEN)");
        }
    }
}

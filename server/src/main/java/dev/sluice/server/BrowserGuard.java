package dev.sluice.server;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpMethod;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Keeps web pages away from the gateway (Flink's inbound handler extension, FLIP-181). A page in
 * the operator's browser can send requests to 127.0.0.1 but cannot set headers freely: it cannot
 * send JSON as {@code application/json} without a CORS preflight, it always names its {@code
 * Origin} on such requests, and a DNS-rebinding page sends its own host name as {@code Host}. So:
 * any request with an {@code Origin} is refused, request bodies must be {@code application/json},
 * and on loopback the {@code Host} must be a loopback name. The stock JDBC driver and SQL client
 * send none of these.
 */
public final class BrowserGuard implements InboundChannelHandlerFactory {

    /** A CORS origin no page can have ({@code .invalid} never resolves): same-origin only. */
    public static final String NO_ORIGIN = "https://same-origin-only.invalid";

    /** Host names the gateway answers to; empty means any (bound off loopback, with a token). */
    static final ConfigOption<List<String>> HOSTS =
            ConfigOptions.key("sluice.gateway.browser-guard.hosts")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Host names the gateway answers to; requests naming another Host are refused (DNS rebinding).");

    static final ConfigOption<Boolean> ENABLED =
            ConfigOptions.key("sluice.gateway.browser-guard.enabled")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Refuse cross-origin requests and request bodies that are not JSON.");

    static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Optional<ChannelHandler> createHandler(
            Configuration configuration, Map<String, String> responseHeaders) {
        if (!configuration.get(ENABLED)) {
            return Optional.empty();
        }
        Set<String> hosts =
                Set.copyOf(
                        configuration.getOptional(HOSTS).orElse(List.of()).stream()
                                .map(h -> h.toLowerCase(Locale.ROOT))
                                .toList());
        return Optional.of(new Check(hosts, responseHeaders));
    }

    @ChannelHandler.Sharable
    private static final class Check extends RequestCheck {
        private final Set<String> hosts;

        Check(Set<String> hosts, Map<String, String> responseHeaders) {
            super(HttpResponseStatus.FORBIDDEN, responseHeaders);
            this.hosts = hosts;
        }

        @Override
        Optional<String> refusal(ChannelHandlerContext ctx, HttpRequest request) {
            if (request.headers().contains(HttpHeaderNames.ORIGIN)) {
                return Optional.of(
                        "cross-origin requests are refused: this gateway serves SQL clients, not web pages");
            }
            if (!hosts.isEmpty() && !hosts.contains(hostName(request))) {
                return Optional.of(
                        "requests for another host name are refused; connect to " + hosts);
            }
            boolean hasBody =
                    request.method().equals(HttpMethod.POST)
                            || request.method().equals(HttpMethod.PUT)
                            || request.method().equals(HttpMethod.PATCH);
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
            if (hasBody && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                return Optional.of(
                        "request bodies must be sent as 'Content-Type: application/json'");
            }
            return Optional.empty();
        }

        private static String hostName(HttpRequest request) {
            String host = request.headers().get(HttpHeaderNames.HOST, "").toLowerCase(Locale.ROOT);
            int colon = host.lastIndexOf(':');
            boolean hasPort = colon > host.lastIndexOf(']');
            return hasPort ? host.substring(0, colon) : host;
        }
    }
}

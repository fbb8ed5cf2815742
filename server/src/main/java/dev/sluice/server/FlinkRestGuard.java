package dev.sluice.server;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory;
import org.apache.flink.runtime.rest.FileUploadHandler;
import org.apache.flink.runtime.rest.handler.FileUploads;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpMethod;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Flink cluster's REST API read-only to everyone but the gateway (FLIP-181 inbound
 * handler). Its web UI keeps working for reading; submitting, cancelling, stopping, rescaling and
 * savepoints need the cluster's token, which only the gateway holds ({@link FlinkRestCredentials}).
 * Without it, any process on the machine, or a web page, could run code in the gateway's JVM
 * through job submission.
 */
public final class FlinkRestGuard implements InboundChannelHandlerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkRestGuard.class);

    /** "secret" in the key makes Flink mask the value wherever it prints configuration. */
    public static final ConfigOption<String> SECRET =
            ConfigOptions.key("sluice.flink-rest.secret")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Bearer token that requests changing anything on the embedded cluster must carry.");

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<ChannelHandler> createHandler(
            Configuration configuration, Map<String, String> responseHeaders) {
        return configuration.getOptional(SECRET).map(token -> new Check(token, responseHeaders));
    }

    @ChannelHandler.Sharable
    private static final class Check extends RequestCheck {
        private final BearerToken token;

        Check(String token, Map<String, String> responseHeaders) {
            super(HttpResponseStatus.FORBIDDEN, responseHeaders);
            this.token = new BearerToken(token);
        }

        @Override
        Optional<String> refusal(ChannelHandlerContext ctx, HttpRequest request) {
            if (token.carriedBy(request) || (readOnly(request) && sameOrigin(request))) {
                return Optional.empty();
            }
            discardUploads(ctx);
            return Optional.of(
                    "the embedded cluster's REST API is read-only; submit, stop and cancel jobs through the Sluice gateway");
        }

        /**
         * Flink's upload handler, ahead of this one, has already written a refused multipart
         * request's files to disk; delete them, or refused requests could fill the disk.
         */
        private static void discardUploads(ChannelHandlerContext ctx) {
            FileUploads uploads = FileUploadHandler.getMultipartFileUploads(ctx);
            if (uploads == FileUploads.EMPTY) {
                return;
            }
            try {
                uploads.close();
            } catch (IOException e) {
                LOG.warn("could not delete the files of a refused upload", e);
            }
        }

        private static boolean readOnly(HttpRequest request) {
            HttpMethod method = request.method();
            String path = request.uri().toLowerCase(java.util.Locale.ROOT);
            // Flink still serves two job terminations as GET requests.
            boolean terminates = path.contains("/yarn-cancel") || path.contains("/yarn-stop");
            return (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) && !terminates;
        }

        /**
         * The web UI's own requests carry no Origin, or its own; other pages' reads are refused.
         */
        private static boolean sameOrigin(HttpRequest request) {
            String origin = request.headers().get(HttpHeaderNames.ORIGIN);
            if (origin == null) {
                return true;
            }
            String host = request.headers().get(HttpHeaderNames.HOST, "");
            return origin.equals("http://" + host);
        }
    }
}

package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.deadletters.DeadLetters;
import dev.sluice.server.deploy.ApiRecords.DeadLetterReplayRequest;
import dev.sluice.server.deploy.ApiRecords.DeployRequest;
import dev.sluice.server.deploy.ApiRecords.JobResult;
import dev.sluice.server.deploy.ApiRecords.ReplayRequest;
import dev.sluice.server.deploy.ApiRecords.ResumeRequest;
import dev.sluice.server.deploy.ApiRecords.StopRequest;
import dev.sluice.server.deploy.ApiRecords.StopResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.rest.HttpMethodWrapper;
import org.apache.flink.runtime.rest.handler.RestHandlerSpecification;
import org.apache.flink.runtime.rest.handler.router.RoutedRequest;
import org.apache.flink.runtime.rest.handler.util.HandlerUtils;
import org.apache.flink.runtime.rest.versioning.RestAPIVersion;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.SimpleChannelInboundHandler;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpUtil;
import org.apache.flink.table.gateway.rest.util.SqlGatewayRestAPIVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sluice's own REST resources, served next to Flink's SQL Gateway API on the same port:
 *
 * <ul>
 *   <li>{@code POST /sluice/deploy} plans ({@code "apply": false}) or applies a directory;
 *   <li>{@code GET /sluice/deploy/:id} follows a deployment's progress;
 *   <li>{@code GET /sluice/pipelines} lists deployed pipelines with their jobs' health;
 *   <li>{@code POST /sluice/pipelines/:name/stop}, {@code .../resume} and {@code .../replay}.
 * </ul>
 *
 * JSON in and out; errors as Flink's REST API sends them: {@code {"errors": ["..."]}}.
 */
public final class SluiceApi {

    private static final Logger LOG = LoggerFactory.getLogger(SluiceApi.class);

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Deployer deployer;
    private final Optional<DeadLetters> deadLetters;
    private final ExecutorService executor =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread thread = new Thread(r, "sluice-api");
                        thread.setDaemon(true);
                        return thread;
                    });

    public SluiceApi(Deployer deployer) {
        this(deployer, Optional.empty());
    }

    /**
     * @param deadLetters what {@code sluice dlq} reads; its resources answer 404 without it
     */
    public SluiceApi(Deployer deployer, Optional<DeadLetters> deadLetters) {
        this.deployer = requireNonNull(deployer, "deployer is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
    }

    /** The handlers to add to the REST endpoint. */
    public List<Tuple2<RestHandlerSpecification, ChannelInboundHandler>> handlers() {
        List<Tuple2<RestHandlerSpecification, ChannelInboundHandler>> handlers = new ArrayList<>();
        handlers.add(route(HttpMethodWrapper.POST, "/sluice/deploy", this::deploy));
        handlers.add(route(HttpMethodWrapper.GET, "/sluice/deploy/:id", this::progress));
        handlers.add(route(HttpMethodWrapper.GET, "/sluice/pipelines", this::pipelines));
        handlers.add(route(HttpMethodWrapper.POST, "/sluice/pipelines/:name/stop", this::stop));
        handlers.add(route(HttpMethodWrapper.POST, "/sluice/pipelines/:name/resume", this::resume));
        handlers.add(route(HttpMethodWrapper.POST, "/sluice/pipelines/:name/replay", this::replay));
        handlers.add(route(HttpMethodWrapper.GET, "/sluice/dead-letters", this::deadLetterTables));
        handlers.add(
                route(HttpMethodWrapper.GET, "/sluice/dead-letters/:table", this::deadLetters));
        handlers.add(
                route(
                        HttpMethodWrapper.POST,
                        "/sluice/dead-letters/:table/replay",
                        this::replayDeadLetters));
        return handlers;
    }

    public void close() {
        executor.shutdownNow();
    }

    // ---- resources ----

    private Response deploy(Request request) throws IOException {
        DeployRequest body = request.json(DeployRequest.class);
        Deployment deployment =
                body.apply()
                        ? deployer.apply(body.root(), body.files(), body.options())
                        : deployer.plan(body.root(), body.files(), body.options());
        return Response.ok(deployment);
    }

    private Response progress(Request request) {
        return deployer.deployment(request.param("id"))
                .map(Response::ok)
                .orElseGet(
                        () ->
                                Response.error(
                                        HttpResponseStatus.NOT_FOUND,
                                        "no deployment "
                                                + request.param("id")
                                                + " on this gateway"));
    }

    private Response pipelines(Request request) {
        return Response.ok(deployer.pipelines());
    }

    private Response stop(Request request) throws IOException {
        StopRequest body = request.json(StopRequest.class);
        Optional<String> savepoint =
                deployer.stop(request.param("name"), body.savepoint(), body.user());
        return Response.ok(new StopResult(savepoint.orElse("")));
    }

    private Response resume(Request request) throws IOException {
        ResumeRequest body = request.json(ResumeRequest.class);
        return Response.ok(new JobResult(deployer.resume(request.param("name"), body.user())));
    }

    private Response replay(Request request) throws IOException {
        ReplayRequest body = request.json(ReplayRequest.class);
        try {
            return Response.ok(
                    new JobResult(
                            deployer.replay(request.param("name"), body.from(), body.user())));
        } catch (IllegalArgumentException e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private Response deadLetterTables(Request request) {
        return deadLetters
                .map(d -> Response.ok(d.tables()))
                .orElseGet(DeadLetterAnswers::unavailable);
    }

    private Response deadLetters(Request request) {
        if (deadLetters.isEmpty()) {
            return DeadLetterAnswers.unavailable();
        }
        int limit;
        try {
            limit = Integer.parseInt(request.query("limit", "20"));
        } catch (NumberFormatException e) {
            return Response.error(
                    HttpResponseStatus.BAD_REQUEST, "limit must be a whole number from 1 to 10000");
        }
        if (limit < 1 || limit > 10_000) {
            return Response.error(
                    HttpResponseStatus.BAD_REQUEST, "limit must be a whole number from 1 to 10000");
        }
        String table = request.param("table");
        return deadLetters
                .get()
                .show(table, limit)
                .map(Response::ok)
                .orElseGet(
                        () ->
                                Response.error(
                                        HttpResponseStatus.NOT_FOUND,
                                        ("no Kafka table '%s' with a dead-letter topic; sluice dlq list shows those there are"
                                                        + " (a table with 'sluice.on-error' = 'skip' or 'fail' has none)")
                                                .formatted(table)));
    }

    private Response replayDeadLetters(Request request) throws IOException {
        if (deadLetters.isEmpty()) {
            return DeadLetterAnswers.unavailable();
        }
        DeadLetterReplayRequest body = request.json(DeadLetterReplayRequest.class);
        String table = request.param("table");
        try {
            return deadLetters
                    .get()
                    .replay(
                            table,
                            body.to().isEmpty() ? Optional.empty() : Optional.of(body.to()),
                            body.dryRun(),
                            body.user())
                    .map(Response::ok)
                    .orElseGet(
                            () ->
                                    Response.error(
                                            HttpResponseStatus.NOT_FOUND,
                                            "no Kafka table '%s' with a dead-letter topic; sluice dlq list shows those there are"
                                                    .formatted(table)));
        } catch (IllegalArgumentException e) {
            return Response.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    /** What the dead-letter resources answer on a gateway without a catalog or Kafka. */
    private static final class DeadLetterAnswers {
        static Response unavailable() {
            return Response.error(
                    HttpResponseStatus.NOT_FOUND,
                    "this gateway keeps no catalog of tables, so it has no dead letters to show");
        }
    }

    // ---- plumbing ----

    private record Request(
            String what, String body, Map<String, String> params, Map<String, List<String>> query) {
        String query(String name, String otherwise) {
            List<String> values = query.getOrDefault(name, List.of());
            return values.isEmpty() ? otherwise : values.get(0);
        }

        String describe() {
            return what;
        }

        <T> T json(Class<T> type) throws IOException {
            return JSON.readValue(body.isBlank() ? "{}" : body, type);
        }

        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    private record Response(HttpResponseStatus status, Object body) {
        static Response ok(Object body) {
            return new Response(HttpResponseStatus.OK, body);
        }

        static Response error(HttpResponseStatus status, String message) {
            return new Response(status, Map.of("errors", List.of(message)));
        }
    }

    @FunctionalInterface
    private interface Resource {
        Response handle(Request request) throws Exception;
    }

    private Tuple2<RestHandlerSpecification, ChannelInboundHandler> route(
            HttpMethodWrapper method, String url, Resource resource) {
        return Tuple2.of(new Spec(method, url), new Handler(resource));
    }

    private record Spec(HttpMethodWrapper method, String url) implements RestHandlerSpecification {
        @Override
        public HttpMethodWrapper getHttpMethod() {
            return method;
        }

        @Override
        public String getTargetRestEndpointURL() {
            return url;
        }

        @Override
        public Collection<? extends RestAPIVersion<?>> getSupportedAPIVersions() {
            return List.of(SqlGatewayRestAPIVersion.getDefaultVersion());
        }
    }

    @ChannelHandler.Sharable
    private final class Handler extends SimpleChannelInboundHandler<RoutedRequest<?>> {
        private final Resource resource;

        Handler(Resource resource) {
            this.resource = resource;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RoutedRequest<?> routed) {
            FullHttpRequest http = (FullHttpRequest) routed.getRequest();
            boolean keepAlive = HttpUtil.isKeepAlive(http);
            Request request =
                    new Request(
                            http.method() + " " + routed.getPath(),
                            http.content().toString(StandardCharsets.UTF_8),
                            Map.copyOf(routed.getRouteResult().pathParams()),
                            Map.copyOf(routed.getRouteResult().queryParams()));
            CompletableFuture.supplyAsync(() -> call(request), executor)
                    .thenAccept(
                            response ->
                                    HandlerUtils.sendResponse(
                                            ctx,
                                            keepAlive,
                                            write(response.body()),
                                            response.status(),
                                            Map.of()));
        }

        private Response call(Request request) {
            try {
                return resource.handle(request);
            } catch (IOException e) {
                return Response.error(
                        HttpResponseStatus.BAD_REQUEST,
                        "the request is not valid JSON: " + e.getMessage());
            } catch (DeployException | JobControlException e) {
                LOG.info("{} refused: {}", request.describe(), e.getMessage());
                return Response.error(HttpResponseStatus.CONFLICT, e.getMessage());
            } catch (Exception e) {
                LOG.error("{} failed", request.describe(), e);
                return Response.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, Explanations.of(e));
            }
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            return "{\"errors\":[\"cannot write the response\"]}";
        }
    }
}

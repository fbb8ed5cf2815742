package dev.sluice.server;

import dev.sluice.server.deploy.SluiceApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rest.handler.RestHandlerSpecification;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandler;
import org.apache.flink.table.gateway.api.SqlGatewayService;
import org.apache.flink.table.gateway.rest.SqlGatewayRestEndpoint;
import org.apache.flink.util.ConfigurationException;

/** Flink's SQL Gateway REST endpoint, unchanged, plus Sluice's own resources on the same port. */
// Flink's endpoint declares close() with InterruptedException; it is stopped, never used in a try.
@SuppressWarnings("try")
final class SluiceRestEndpoint extends SqlGatewayRestEndpoint {

    private final Optional<SluiceApi> api;

    SluiceRestEndpoint(Configuration config, SqlGatewayService service, Optional<SluiceApi> api)
            throws IOException, ConfigurationException {
        super(config, service);
        this.api = api;
    }

    @Override
    protected List<Tuple2<RestHandlerSpecification, ChannelInboundHandler>> initializeHandlers(
            CompletableFuture<String> localAddressFuture) {
        List<Tuple2<RestHandlerSpecification, ChannelInboundHandler>> handlers =
                new ArrayList<>(super.initializeHandlers(localAddressFuture));
        // Flink's embedded workflow scheduler (materialized-table refreshes) is reached over its
        // own REST resources, past the SqlGatewayService that admits every statement: it would
        // call any URL a client names, on a schedule. Sluice does not run materialized tables.
        handlers.removeIf(h -> h.f0.getTargetRestEndpointURL().startsWith("/workflow/"));
        api.ifPresent(a -> handlers.addAll(a.handlers()));
        return handlers;
    }
}

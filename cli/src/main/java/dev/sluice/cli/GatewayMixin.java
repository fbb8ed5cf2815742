package dev.sluice.cli;

import dev.sluice.server.GatewayOptions;
import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --gateway URL}: which running gateway a command talks to. */
final class GatewayMixin {

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            defaultValue = "http://127.0.0.1:" + GatewayOptions.DEFAULT_PORT,
            description = "The gateway's address. Default: ${DEFAULT-VALUE} (sluice up).")
    URI gateway;

    GatewayClient client() {
        return new GatewayClient(gateway);
    }

    static String user() {
        return System.getProperty("user.name", "unknown");
    }
}

package dev.sluice.cli;

import dev.sluice.server.GatewayOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where the gateway listens, with one rule for {@code up}, {@code demo} and {@code serve}: off
 * loopback every request needs the token in {@value #TOKEN_ENV}, and the gateway does not start
 * without one.
 */
final class GatewayBinding {

    static final String TOKEN_ENV = "SLUICE_GATEWAY_TOKEN";

    private GatewayBinding() {}

    static GatewayOptions of(CommandSpec spec, String host, int port) {
        Optional<String> token =
                Optional.ofNullable(System.getenv(TOKEN_ENV)).filter(t -> !t.isBlank());
        if (token.isEmpty() && !loopback(host)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--gateway-host %s lets the network run SQL on your cluster: set %s to a secret token (clients then send 'Authorization: Bearer <token>')"
                            .formatted(host, TOKEN_ENV));
        }
        return new GatewayOptions(host, port, token);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

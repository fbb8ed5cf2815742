package dev.sluice.server;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where the gateway's REST endpoint listens.
 *
 * @param host bind address; loopback unless the operator chooses otherwise
 * @param port TCP port; 0 picks a free one
 * @param token bearer token every request must carry; required off loopback
 */
public record GatewayOptions(String host, int port, Optional<String> token) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PORT = 8083;

    public GatewayOptions {
        requireNonNull(host, "host is null");
        requireNonNull(token, "token is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
    }

    public GatewayOptions(String host, int port) {
        this(host, port, Optional.empty());
    }

    @Override
    public String toString() {
        return "GatewayOptions[host=%s, port=%d, token=%s]"
                .formatted(host, port, token.isPresent() ? "****" : "none");
    }
}

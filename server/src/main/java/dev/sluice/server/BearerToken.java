package dev.sluice.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;

/**
 * A bearer token a request's {@code Authorization} header must carry, compared in constant time.
 */
final class BearerToken {

    private final byte[] expected;

    BearerToken(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    boolean carriedBy(HttpRequest request) {
        String given = request.headers().get(HttpHeaderNames.AUTHORIZATION, "").strip();
        return MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }
}

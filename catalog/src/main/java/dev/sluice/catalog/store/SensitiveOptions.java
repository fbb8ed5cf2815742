package dev.sluice.catalog.store;

import java.util.List;
import java.util.Locale;

/**
 * Which option keys hold secrets: the words Flink masks in its own configuration output, and the
 * Kafka client's JAAS configuration, which carries passwords inline. One list for the catalog
 * (encrypted at rest) and the gateway (masked in what clients read back).
 */
public final class SensitiveOptions {

    private static final List<String> WORDS =
            List.of(
                    "password",
                    "secret",
                    "token",
                    "jaas.config",
                    "apikey",
                    "api-key",
                    "auth-params",
                    "service-key",
                    "basic-auth",
                    "http-headers",
                    "credentials",
                    "keystore.key");

    private SensitiveOptions() {}

    public static boolean isSensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return WORDS.stream().anyMatch(lower::contains);
    }
}

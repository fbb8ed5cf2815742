package dev.sluice.server;

import dev.sluice.connector.DeadLetterTableFactory;
import dev.sluice.engine.window.HopWindowOperator;
import dev.sluice.udfs.FraudScore;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The jars a job needs that a plain Flink distribution lacks: the Kafka connector with its client
 * and base classes, Sluice's dead-letter connector and window operators, and the fraud functions.
 * They travel with every job ({@code pipeline.jars}), so a session cluster needs nothing copied by
 * hand.
 */
final class ShippedJars {

    private ShippedJars() {}

    static List<String> urls() {
        Set<String> urls = new LinkedHashSet<>();
        for (Class<?> marker :
                List.of(
                        KafkaSource.class,
                        KafkaProducer.class,
                        SourceReaderBase.class,
                        DeadLetterTableFactory.class,
                        HopWindowOperator.class,
                        FraudScore.class)) {
            urls.add(jarOf(marker).toUri().toString());
        }
        return List.copyOf(urls);
    }

    private static Path jarOf(Class<?> marker) {
        CodeSource source = marker.getProtectionDomain().getCodeSource();
        try {
            Path path = source == null ? null : Path.of(source.getLocation().toURI());
            if (path == null || !Files.isRegularFile(path)) {
                throw new StartupException(
                        "cannot ship %s to the cluster: it is not loaded from a jar (%s); run the packaged sluice"
                                .formatted(marker.getName(), path));
            }
            return path;
        } catch (URISyntaxException e) {
            throw new StartupException("cannot locate the jar of " + marker.getName(), e);
        }
    }
}

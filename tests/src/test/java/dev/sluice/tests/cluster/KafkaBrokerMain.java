package dev.sluice.tests.cluster;

import dev.sluice.runtime.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A Kafka broker (KRaft, one node) in a JVM of its own: {@code KafkaBrokerMain DATA-DIR PORT}. */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        System.out.println("broker ready at " + kafka.bootstrapServers());
        new CountDownLatch(1).await();
    }
}

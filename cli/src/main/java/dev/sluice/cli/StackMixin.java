package dev.sluice.cli;

import dev.sluice.runtime.StackOptions;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of the commands that start the whole stack on this machine: up and demo. */
final class StackMixin {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin ServerMixin server;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            paramLabel = "PORT",
            description =
                    "Port of the embedded Kafka broker on 127.0.0.1 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of starting the embedded broker.")
    String kafkaBootstrap;

    StackOptions toStackOptions() {
        server.checkPort("--kafka-port", kafkaPort);
        if (kafkaBootstrap != null) {
            server.checkBootstrap("--kafka-bootstrap", kafkaBootstrap);
        }
        return new StackOptions(
                server.gateway(),
                kafkaPort,
                server.dataDir(),
                server.parallelism(),
                Optional.ofNullable(kafkaBootstrap),
                server.checkpointInterval(),
                server.catalog(),
                server.guardPolicy(),
                server.atLeastOnceSinks(),
                server.topicPartitions());
    }
}

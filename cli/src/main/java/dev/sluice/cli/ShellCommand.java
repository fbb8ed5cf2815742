package dev.sluice.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.table.client.SqlClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice shell}: Flink's own SQL client, in gateway mode, on the Sluice gateway. */
@Command(
        name = "shell",
        mixinStandardHelpOptions = true,
        description = {
            "Opens Flink's SQL client on a running gateway: every statement goes through",
            "Sluice's checks and runs exactly-once. History is kept under the data directory.",
            "With -f it runs a script and exits; with -i it runs a script first, then asks."
        })
final class ShellCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin GatewayMixin gateway;

    @Option(
            names = {"-i", "--init"},
            paramLabel = "FILE",
            description = "SQL to run before the first prompt (SET, CREATE TEMPORARY …).")
    Path init;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "SQL script to run; the shell exits when it ends.")
    Path file;

    @Option(
            names = "--data-dir",
            defaultValue = ".sluice",
            paramLabel = "DIR",
            description = "Where the shell keeps its history. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        requireFile(init, "-i");
        requireFile(file, "-f");
        URI address = gateway.gateway;
        if (address.getHost() == null || address.getPort() < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--gateway must be http://HOST:PORT, not " + address);
        }
        // Fails with a clear message when nothing listens there.
        gateway.client().get("/v1/info");

        Path home = Files.createDirectories(dataDir.resolve("shell"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        if (!Files.exists(conf.resolve("config.yaml"))) {
            Files.writeString(conf.resolve("config.yaml"), "");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SqlClient.class.getName());
        command.add("gateway");
        command.add("--endpoint");
        command.add(address.getHost() + ":" + address.getPort());
        command.add("--history");
        command.add(home.resolve("history").toString());
        if (init != null) {
            command.add("--init");
            command.add(init.toString());
        }
        if (file != null) {
            command.add("--file");
            command.add(file.toString());
        }
        ProcessBuilder client = new ProcessBuilder(command).inheritIO();
        client.environment().put("FLINK_CONF_DIR", conf.toString());
        client.environment().put("FLINK_LOG_DIR", home.toString());
        String token = System.getenv(ServeCommand.TOKEN_ENV);
        if (token != null && !token.isBlank()) {
            client.environment().put("FLINK_REST_CLIENT_HEADERS", "Authorization:Bearer " + token);
        }
        Process process = client.start();
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            throw e;
        }
    }

    private void requireFile(Path path, String option) {
        if (path != null && !Files.isRegularFile(path)) {
            throw new ParameterException(
                    spec.commandLine(), "%s %s: no such file".formatted(option, path));
        }
    }
}

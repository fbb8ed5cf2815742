package dev.sluice.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.cli.Main;
import dev.sluice.runtime.SluiceStack;
import dev.sluice.testkit.SharedStack;
import dev.sluice.testkit.StackParameterResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice shell}: Flink's SQL client on the gateway, from a script and under a terminal. */
@ExtendWith({SharedStack.class, StackParameterResolver.class})
class ShellITCase {

    private final SluiceStack stack;

    @TempDir Path tmp;

    ShellITCase(SluiceStack stack) {
        this.stack = stack;
    }

    @Test
    void runsAScriptAndPrintsItsResultTable() throws Exception {
        Path script =
                Files.writeString(
                        tmp.resolve("script.sql"),
                        """
                        SET 'sql-client.execution.result-mode' = 'tableau';
                        SELECT id, name FROM (VALUES (1, 'alpha'), (2, 'beta')) AS t(id, name);
                        """);

        Process shell = start(List.of(), "shell", "-f", script.toString());
        String output = readAll(shell.getInputStream());

        assertThat(shell.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(output)
                .containsPattern("\\|\\s+\\+I\\s+\\|\\s+1\\s+\\|\\s+alpha\\s+\\|")
                .containsPattern("\\|\\s+\\+I\\s+\\|\\s+2\\s+\\|\\s+beta\\s+\\|")
                .contains("Received a total of 2 rows");
    }

    /** Typed at a prompt under a pseudo-terminal (util-linux script), as a person would. */
    @Test
    void answersAQueryTypedAtThePromptAndKeepsHistory() throws Exception {
        Path init =
                Files.writeString(
                        tmp.resolve("init.sql"),
                        "SET 'sql-client.execution.result-mode' = 'tableau';\n");
        Process shell = start(List.of("script", "-qfec"), "shell", "-i", init.toString());
        OutputStream keyboard = shell.getOutputStream();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Thread reader = copyInBackground(shell.getInputStream(), screen);

        // JLine turns on bracketed paste when it starts reading a line: the prompt is up.
        await().atMost(Duration.ofMinutes(1))
                .failFast("the shell ended", () -> !shell.isAlive())
                .until(
                        () ->
                                screen.toString().contains("Welcome!")
                                        && screen.toString().contains("\u001b[?2004h"));
        type(keyboard, "SELECT 40 + 2 AS answer;\r");
        await().atMost(Duration.ofMinutes(1))
                .until(() -> screen.toString().matches("(?s).*\\|\\s+42\\s+\\|.*"));
        type(keyboard, "QUIT;\r");

        assertThat(shell.waitFor(1, TimeUnit.MINUTES)).as(screen.toString()).isTrue();
        reader.join(10_000);
        assertThat(Files.readString(tmp.resolve("data/shell/history")))
                .contains("SELECT 40 + 2 AS answer;");
    }

    @Test
    void aGatewayThatIsDownGetsOneClearLine() throws Exception {
        Process shell = start(List.of(), "shell", "--gateway", "http://127.0.0.1:1");
        String output = readAll(shell.getInputStream());
        assertThat(shell.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(shell.exitValue()).isEqualTo(1);
        assertThat(output)
                .contains("sluice shell: cannot reach the gateway at http://127.0.0.1:1")
                .doesNotContain("Exception");
    }

    private Process start(List<String> wrapper, String... args) throws IOException {
        List<String> sluice = new ArrayList<>();
        sluice.add(ProcessHandle.current().info().command().orElse("java"));
        sluice.add("-cp");
        sluice.add(System.getProperty("java.class.path"));
        sluice.add(Main.class.getName());
        sluice.addAll(List.of(args));
        if (!List.of(args).contains("--gateway")) {
            sluice.add("--gateway");
            sluice.add("http://%s:%d".formatted(stack.gatewayHost(), stack.gatewayPort()));
        }
        sluice.add("--data-dir");
        sluice.add(tmp.resolve("data").toString());
        List<String> command = new ArrayList<>(wrapper);
        if (wrapper.isEmpty()) {
            command.addAll(sluice);
        } else {
            command.add(String.join(" ", sluice.stream().map(ShellITCase::quote).toList()));
            command.add("/dev/null");
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static void type(OutputStream keyboard, String text) throws IOException {
        keyboard.write(text.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static Thread copyInBackground(InputStream in, ByteArrayOutputStream out) {
        Thread thread =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[4096];
                            try {
                                for (int n; (n = in.read(buffer)) > 0; ) {
                                    synchronized (out) {
                                        out.write(buffer, 0, n);
                                    }
                                }
                            } catch (IOException e) {
                                // the process ended
                            }
                        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}

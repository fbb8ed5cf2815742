package dev.sluice.tests.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: {@code sluice demo} shows committed fraud alerts within seconds. */
class SluiceDemoITCase {

    @TempDir Path workDir;

    @Test
    void printsFraudAlertsFromTheSqlFolderAndStopsCleanly() throws Exception {
        try (SluiceProcess demo =
                SluiceProcess.start(
                        workDir,
                        "demo",
                        "--gateway-port",
                        "0",
                        "--kafka-port",
                        "0",
                        "--data-dir",
                        workDir.resolve("data").toString(),
                        "--fraud-rate",
                        "0.01")) {
            demo.awaitLine("start pipeline fraud_alerts: done (job ", Duration.ofMinutes(2));
            demo.awaitLine("ALERT  acc-", Duration.ofMinutes(1));

            assertThat(demo.terminate()).isEqualTo(143);
            assertThat(demo.output())
                    .contains("create table transactions: done")
                    .contains(
                            "Fraud alerts from 'fraud-alerts', as a read_committed consumer sees them:")
                    .containsPattern(
                            "ALERT  acc-\\d{5} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:00 \\.\\. \\d\\d:\\d\\d:00  total +[\\d,]+\\.\\d\\d  in +\\d+ transactions")
                    .endsWith("Sluice stopped. Data kept in " + workDir.resolve("data") + ".")
                    .doesNotContain("Exception");
        }
    }
}

package dev.sluice.cli;

import java.nio.file.Path;

/** Where the Sluice checkout is: the {@code ./sluice} launcher passes it as {@code sluice.home}. */
final class SluiceHome {

    private SluiceHome() {}

    static Path sqlDir() {
        return Path.of(System.getProperty("sluice.home", ".")).resolve("sql");
    }
}

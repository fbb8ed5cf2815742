package dev.sluice.gateway.deploy;

import static java.util.Objects.requireNonNull;

/**
 * One SQL file of a deployed directory.
 *
 * @param path relative to the directory, with {@code /} separators: {@code pipelines/alerts.sql}
 * @param text its content
 */
public record ProjectFile(String path, String text) {

    public ProjectFile {
        requireNonNull(path, "path is null");
        requireNonNull(text, "text is null");
    }
}

package dev.sluice.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory, locked for as long as one stack uses it: two brokers on one log directory
 * would corrupt it.
 */
public final class DataDirectory implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    public static DataDirectory open(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new StartupException(
                    "cannot create the data dir %s: %s (change --data-dir)".formatted(path, e));
        }
        if (!Files.isWritable(path)) {
            throw new StartupException(
                    "the data dir %s is not writable (change --data-dir or its permissions)"
                            .formatted(path));
        }
        FileChannel channel = null;
        try {
            channel =
                    FileChannel.open(
                            path.resolve("sluice.lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(path);
            }
            return new DataDirectory(path, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(path);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupException(
                    "cannot lock the data dir %s: %s (change --data-dir)".formatted(path, e));
        } catch (StartupException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public Path resolve(String child) {
        return path.resolve(child);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static StartupException inUse(Path path) {
        return new StartupException(
                "the data dir %s is in use by another running sluice (stop it, or pass another --data-dir)"
                        .formatted(path));
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock failure is the error worth reporting
        }
    }
}

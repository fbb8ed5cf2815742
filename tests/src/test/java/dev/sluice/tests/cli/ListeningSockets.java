package dev.sluice.tests.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a Linux process listens on, read from /proc. */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Local addresses (hex, as /proc shows them) of the process's listening sockets. */
    static List<String> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    addresses.add(fields[1]);
                }
            }
        }
        return addresses;
    }

    /** Whether the hex address is the wildcard (0.0.0.0 or ::), i.e. every interface. */
    static boolean isWildcard(String hexAddress) {
        return hexAddress.substring(0, hexAddress.indexOf(':')).chars().allMatch(c -> c == '0');
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing: not a listener we care about
                }
            }
        }
        return inodes;
    }
}

package dev.sluice.tests.cluster;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;

/**
 * A real multi-process deployment from Maven jars: a Flink JobManager and TaskManagers in JVMs of
 * their own, like a standalone session cluster, and a Kafka broker in its own JVM. The Flink JVMs
 * get a Flink distribution's classpath only: no Kafka connector, no Sluice functions — those must
 * travel with each job.
 */
public final class ClusterProcesses implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Path dir;
    private final int restPort;
    private final int kafkaPort;
    private final JvmProcess broker;
    private final JvmProcess jobManager;
    private final List<JvmProcess> taskManagers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private ClusterProcesses(Path dir, int taskManagerCount, int slots) throws IOException {
        this.dir = dir;
        this.restPort = freePort();
        this.kafkaPort = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), flinkConfig(freePort(), slots));
        Files.writeString(conf.resolve("log4j.properties"), LOG4J);
        List<String> distribution = distributionClasspath();
        Map<String, String> env = Map.of("FLINK_CONF_DIR", conf.toString());
        broker =
                new JvmProcess(
                        "kafka",
                        classpath(),
                        List.of(
                                "-Xmx512m",
                                "-Dlog.file=" + dir.resolve("kafka.server.log"),
                                log4j(conf)),
                        KafkaBrokerMain.class.getName(),
                        List.of(dir.resolve("kafka").toString(), Integer.toString(kafkaPort)),
                        Map.of(),
                        dir.resolve("kafka.log"));
        jobManager =
                new JvmProcess(
                        "jobmanager",
                        distribution,
                        List.of(
                                "-Xmx512m",
                                "-Dlog.file=" + dir.resolve("jobmanager.flink.log"),
                                log4j(conf)),
                        StandaloneSessionClusterEntrypoint.class.getName(),
                        List.of("--configDir", conf.toString()),
                        env,
                        dir.resolve("jobmanager.log"));
        for (int i = 0; i < taskManagerCount; i++) {
            taskManagers.add(
                    new JvmProcess(
                            "taskmanager-" + i,
                            distribution,
                            List.of(
                                    "-Xmx384m",
                                    "-Xms384m",
                                    "-XX:MaxDirectMemorySize=320m",
                                    "-XX:MaxMetaspaceSize=256m",
                                    "-Dlog.file=" + dir.resolve("taskmanager-" + i + ".flink.log"),
                                    log4j(conf)),
                            TaskManagerRunner.class.getName(),
                            List.of("--configDir", conf.toString()),
                            env,
                            dir.resolve("taskmanager-" + i + ".log")));
        }
    }

    /**
     * Starts the broker, the JobManager and the TaskManagers; returns when all slots registered.
     */
    public static ClusterProcesses start(Path dir, int taskManagers, int slotsPerTaskManager)
            throws IOException {
        ClusterProcesses cluster = new ClusterProcesses(dir, taskManagers, slotsPerTaskManager);
        try {
            cluster.broker.start();
            cluster.jobManager.start();
            for (JvmProcess tm : cluster.taskManagers) {
                tm.start();
            }
            cluster.awaitSlots(taskManagers * slotsPerTaskManager);
            cluster.awaitBroker();
            return cluster;
        } catch (IOException | RuntimeException e) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public String restHost() {
        return "127.0.0.1";
    }

    public int restPort() {
        return restPort;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Where checkpoints and savepoints go: every JVM here sees the same directory. */
    public URI sharedStateDir() throws IOException {
        return Files.createDirectories(dir.resolve("shared")).toUri();
    }

    public Duration killTaskManager(int i) throws InterruptedException {
        return taskManagers.get(i).kill();
    }

    public void startTaskManager(int i) throws IOException {
        taskManagers.get(i).start();
    }

    public Duration killJobManager() throws InterruptedException {
        return jobManager.kill();
    }

    /** Starts the JobManager again and waits until the TaskManagers registered with it. */
    public void restartJobManager(int slots) throws IOException {
        jobManager.start();
        awaitSlots(slots);
    }

    public Duration killBroker() throws InterruptedException {
        return broker.kill();
    }

    public void restartBroker() throws IOException {
        broker.start();
        awaitBroker();
    }

    /** Waits until the JobManager's REST API reports this many task slots. */
    public void awaitSlots(int slots) {
        await().atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> totalSlots() >= slots);
    }

    private int totalSlots() throws IOException, InterruptedException {
        HttpResponse<String> overview =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + restPort + "/overview"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        var matcher =
                java.util.regex.Pattern.compile("\"slots-total\":(\\d+)").matcher(overview.body());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private void awaitBroker() {
        await().atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () ->
                                portOpen(kafkaPort)
                                        && Files.readString(dir.resolve("kafka.log"))
                                                .contains("broker ready"));
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (JvmProcess tm : taskManagers) {
            tm.close();
        }
        jobManager.close();
        broker.close();
    }

    /**
     * The classpath of a Flink distribution's lib/: this JVM's jars minus the Kafka connector and
     * client, the connector base, Sluice's own modules and the test classes.
     */
    private static List<String> distributionClasspath() {
        List<String> jars = new ArrayList<>();
        for (String entry : classpath()) {
            String name = Path.of(entry).getFileName().toString();
            boolean excluded =
                    name.contains("kafka")
                            || name.startsWith("flink-connector-base")
                            // clients and bundles that repeat Flink's classes: not in lib/
                            || name.startsWith("flink-sql-jdbc-driver")
                            || name.startsWith("flink-sql-client")
                            || name.startsWith("flink-sql-gateway")
                            || name.startsWith("sluice")
                            || entry.contains("/target/classes")
                            || entry.contains("/target/test-classes")
                            || !name.endsWith(".jar");
            if (!excluded) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /**
     * This JVM's classpath as files. Maven's test runners start the JVM with a single jar whose
     * manifest lists the real classpath: that list is the one to filter.
     */
    private static List<String> classpath() {
        List<String> entries =
                List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        if (entries.size() != 1 || !entries.get(0).endsWith(".jar")) {
            return entries;
        }
        try (JarFile jar = new JarFile(entries.get(0))) {
            Manifest manifest = jar.getManifest();
            String listed =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (listed == null || listed.isBlank()) {
                return entries;
            }
            URI base = Path.of(entries.get(0)).toUri();
            List<String> expanded = new ArrayList<>();
            for (String element : listed.trim().split("\\s+")) {
                expanded.add(Path.of(base.resolve(element)).toString());
            }
            return expanded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classpath of " + entries.get(0), e);
        }
    }

    private static String log4j(Path conf) {
        return "-Dlog4j2.configurationFile=" + conf.resolve("log4j.properties").toUri();
    }

    private String flinkConfig(int rpcPort, int slots) {
        return String.join(
                "\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + rpcPort,
                "jobmanager.bind-host: 127.0.0.1",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "taskmanager.host: 127.0.0.1",
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.numberOfTaskSlots: " + slots,
                "taskmanager.cpu.cores: " + slots,
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.task.heap.size: 256m",
                "taskmanager.memory.managed.size: 64m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.task.off-heap.size: 64m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 128m",
                "taskmanager.memory.jvm-overhead.max: 128m",
                "classloader.resolve-order: parent-first",
                "heartbeat.interval: 1000",
                "heartbeat.timeout: 5000",
                "restart-strategy.type: fixed-delay",
                "restart-strategy.fixed-delay.attempts: 1000",
                "restart-strategy.fixed-delay.delay: 1 s",
                "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final String LOG4J =
            String.join(
                    "\n",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.file.ref = file",
                    "appender.file.type = File",
                    "appender.file.name = file",
                    "appender.file.fileName = ${sys:log.file}",
                    "appender.file.layout.type = PatternLayout",
                    "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                    "");
}

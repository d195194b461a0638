package org.estadoabierto.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Test-only launcher: one OpenSearch node, embedded from the Maven Central jars, bound to
 * 127.0.0.1. No Bootstrap (so no security manager, bootstrap checks or jar-hell check).
 *
 * <pre>
 * java -cp CLASSPATH org.estadoabierto.engine.OpenSearchLauncher HOME [HTTP_PORT]
 * </pre>
 *
 * HOME may also come from OPENSEARCH_TEST_HOME and HTTP_PORT from OPENSEARCH_TEST_HTTP_PORT;
 * port 0 (the default) lets the OS pick one. Once the node is up the launcher writes
 * {@code HOME/http.port} and prints one line starting with {@link #STARTED}. When
 * OPENSEARCH_TEST_PARENT_PID is set, the node shuts down as soon as that process is gone, so a
 * killed test run leaves no node behind.
 */
public final class OpenSearchLauncher {

    /** Prefix of the line printed on stdout once the HTTP port is bound. */
    public static final String STARTED = "OPENSEARCH_TEST_NODE_STARTED";

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,          // HTTP + transport
        CommonAnalysisPlugin.class,  // asciifolding, stemmers, language analyzers
        MapperExtrasPlugin.class,    // scaled_float, rank_feature, search_as_you_type, ...
        ReindexPlugin.class          // _reindex, _update_by_query, _delete_by_query
    );

    /** Node's full constructor is protected: this subclass only hands it the plugin classes. */
    static final class TestNode extends Node {
        TestNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private OpenSearchLauncher() {}

    public static void main(String[] args) throws Exception {
        // Before any Netty or Log4j class initialises. Netty: OpenSearch sets the processor
        // count itself. Log4j: our shutdown hook logs while closing the node, so Log4j must not
        // stop itself in a hook of its own (the distribution sets the same in jvm.options).
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");

        String homeArg = args.length > 0 ? args[0] : System.getenv("OPENSEARCH_TEST_HOME");
        if (homeArg == null || homeArg.isBlank()) {
            System.err.println("usage: OpenSearchLauncher HOME [HTTP_PORT]  (or OPENSEARCH_TEST_HOME)");
            System.exit(2);
        }
        String portArg = args.length > 1 ? args[1] : System.getenv("OPENSEARCH_TEST_HTTP_PORT");
        int httpPort = portArg == null || portArg.isBlank() ? 0 : Integer.parseInt(portArg.trim());

        String parentPid = System.getenv("OPENSEARCH_TEST_PARENT_PID");
        if (parentPid != null && !parentPid.isBlank()) {
            exitWithParent(Long.parseLong(parentPid.trim()));
        }

        Path home = Path.of(homeArg).toAbsolutePath();
        for (String dir : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(home.resolve(dir));
        }
        Files.deleteIfExists(home.resolve("http.port"));

        Settings settings = Settings.builder()
            .put("cluster.name", "estado-abierto-test")
            .put("node.name", "test-node")
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", Integer.toString(httpPort))
            .put("transport.port", "0")
            .put("discovery.type", "single-node")
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // small heap: the real-memory parent breaker trips on GC noise, not on real load
            .put("indices.breaker.total.use_real_memory", false)
            .put("action.destructive_requires_name", false)
            .put("logger.level", "INFO")
            .build();

        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "test-node");
        LogConfigurator.configureWithoutConfig(environment.settings());

        Node node = new TestNode(environment, PLUGINS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "opensearch-test-node-shutdown"));

        node.start();

        TransportAddress http = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress();
        writeAtomically(home.resolve("http.port"), Integer.toString(http.getPort()));
        System.out.println(STARTED + " url=http://127.0.0.1:" + http.getPort() + " pid=" + ProcessHandle.current().pid());
        System.out.flush();

        stopped.await();
    }

    /** System.exit (which runs the shutdown hook) once the process {@code pid} has ended. */
    private static void exitWithParent(long pid) {
        ProcessHandle.of(pid).ifPresentOrElse(
            parent -> parent.onExit().thenRun(() -> {
                System.err.println("parent process " + pid + " is gone: stopping");
                System.exit(0);
            }),
            () -> System.exit(0));
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

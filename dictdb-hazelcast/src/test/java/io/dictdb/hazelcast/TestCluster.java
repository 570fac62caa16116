package io.dictdb.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test cluster every test of this module shares: {@value #MEMBERS} members on 127.0.0.1, started once per test
 * JVM on first use and shut down when the JVM exits. Its cluster name is unique per JVM run, so parallel builds never
 * join each other; tests use a fresh database name each ({@link #databaseName()}) and destroy it after.
 */
public final class TestCluster {
    /** Members started. */
    public static final int MEMBERS = 3;

    private static final String CLUSTER = "dictdb-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicLong NAMES = new AtomicLong();
    private static List<HazelcastInstance> members;
    private static int port;

    private TestCluster() {
    }

    /**
     * The first member of the shared cluster, starting the cluster on first call.
     *
     * @return a running member
     */
    public static synchronized HazelcastInstance member() {
        return members().get(0);
    }

    /**
     * Every member of the shared cluster, starting it on first call.
     *
     * @return the running members
     */
    public static synchronized List<HazelcastInstance> members() {
        if (members == null) {
            port = freePort();
            List<HazelcastInstance> started = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                started.add(Hazelcast.newHazelcastInstance(memberConfig(CLUSTER, port)));
            }
            members = List.copyOf(started);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> members.forEach(m -> {
                try {
                    m.getLifecycleService().terminate(); // no graceful migration: the JVM is going away
                } catch (RuntimeException ignored) {
                    // the JVM is going away
                }
            }), "test-cluster-shutdown"));
        }
        return members;
    }

    /**
     * The shared cluster's name.
     *
     * @return the name, unique per JVM run
     */
    public static String clusterName() {
        return CLUSTER;
    }

    /**
     * The first port of the shared cluster's members (they auto-increment from it).
     *
     * @return the port
     */
    public static synchronized int port() {
        members();
        return port;
    }

    /**
     * A fresh database name, unique in this JVM.
     *
     * @return the name
     */
    public static String databaseName() {
        return "test" + NAMES.incrementAndGet();
    }

    /**
     * A member's configuration: the cluster name, phone-home off, SLF4J logging, 127.0.0.1 only, TCP/IP join from
     * {@code port} (auto-incremented over a few ports, each listed as a TCP/IP member), no multicast, Jet off.
     *
     * @param clusterName the cluster's name
     * @param port the first port to try
     * @return the configuration
     */
    public static Config memberConfig(String clusterName, int port) {
        Config c = new Config();
        c.setClusterName(clusterName);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "slf4j");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.partition.count", "71");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(true).setPortCount(10);
        n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(true);
        for (int p = port; p < port + MEMBERS + 2; p++) {
            j.getTcpIpConfig().addMember("127.0.0.1:" + p);
        }
        c.getJetConfig().setEnabled(false);
        return c;
    }

    private static int freePort() {
        // a free port with room above it for the auto-incremented ones
        for (int tries = 0; tries < 50; tries++) {
            int candidate;
            try (ServerSocket s = new ServerSocket(0)) {
                candidate = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (candidate < 65000) {
                return candidate;
            }
        }
        return 15701;
    }
}

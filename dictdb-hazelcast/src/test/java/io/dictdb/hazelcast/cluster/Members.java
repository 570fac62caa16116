package io.dictdb.hazelcast.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * The configuration of the cluster tests' members and clients, and their waits. Every member binds 127.0.0.1 only,
 * joins over TCP (multicast and auto-detection off) through a fixed list of ports, and uses timeouts short enough
 * that a member killed with SIGKILL is gone from the cluster in a few seconds. The maps of every DictDB table
 * ({@code dictdb.*}) keep one synchronous backup.
 *
 * <p>This class must not use any DictDB class: {@link ChildMember} runs it in a JVM whose class path holds only
 * Hazelcast (and SLF4J), to show that members need none of our classes.
 */
final class Members {
    /** The loopback address every member and client uses. */
    static final String HOST = "127.0.0.1";

    private Members() {
    }

    /**
     * A cluster name no other run shares, so that two builds on one machine cannot join each other's members.
     *
     * @param what a word for the test
     * @return the name
     */
    static String uniqueClusterName(String what) {
        return "dictdb-" + what + "-" + UUID.randomUUID();
    }

    /**
     * Ports free on 127.0.0.1 a moment ago (each bound to port 0 and released; another process could take one in
     * between, which would make the member's start fail with a clear bind error).
     *
     * @param n how many
     * @return distinct ports
     */
    static int[] freePorts(int n) {
        List<ServerSocket> open = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                open.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        } finally {
            for (ServerSocket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // released anyway
                }
            }
        }
    }

    /**
     * The configuration of one member.
     *
     * @param clusterName the cluster's name
     * @param port the member's own port (no auto-increment)
     * @param memberPorts the ports of every member of the cluster, this one included: the TCP join list
     * @return the configuration
     */
    static Config config(String clusterName, int port, int[] memberPorts) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-" + port);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", HOST);
        // a killed member: its connections close at once, the heartbeat timeout is the bound behind that
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        config.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
        // join at once: the members are listed, nothing to wait for
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
        config.setProperty("hazelcast.operation.call.timeout.millis", "20000");
        // fewer partitions: migrations after a member leaves take a moment, not seconds
        config.setProperty("hazelcast.partition.count", "71");
        config.setProperty("hazelcast.shutdownhook.policy", "TERMINATE");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(HOST);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
        for (int p : memberPorts) {
            join.getTcpIpConfig().addMember(HOST + ":" + p);
        }
        config.addMapConfig(new MapConfig("dictdb.*").setBackupCount(1).setAsyncBackupCount(0));
        return config;
    }

    /**
     * Starts a member in this JVM.
     *
     * @param clusterName the cluster's name
     * @param port its port
     * @param memberPorts the join list
     * @return the member
     */
    static HazelcastInstance member(String clusterName, int port, int[] memberPorts) {
        return Hazelcast.newHazelcastInstance(config(clusterName, port, memberPorts));
    }

    /**
     * A client of the cluster, connecting to the listed members on 127.0.0.1 and giving up after 30 s.
     *
     * @param clusterName the cluster's name
     * @param memberPorts the members' ports
     * @return the connected client
     */
    static HazelcastInstance client(String clusterName, int... memberPorts) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setInstanceName(clusterName + "-client-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().getAutoDetectionConfig().setEnabled(false);
        for (int p : memberPorts) {
            config.getNetworkConfig().addAddress(HOST + ":" + p);
        }
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
        return HazelcastClient.newHazelcastClient(config);
    }

    /**
     * Waits until the member sees {@code size} members.
     *
     * @param member a member
     * @param size the size
     * @param timeout the longest wait
     * @throws AssertionError naming the size seen if the wait times out
     */
    static void awaitSize(HazelcastInstance member, int size, Duration timeout) {
        await(() -> member.getCluster().getMembers().size() == size, timeout,
                () -> "cluster size " + size + " (seen " + member.getCluster().getMembers().size() + ")");
    }

    /**
     * Waits until no partition migrates and every backup is in sync
     * ({@link com.hazelcast.partition.PartitionService#isClusterSafe()}).
     *
     * @param member a member
     * @param timeout the longest wait
     * @throws AssertionError if the wait times out
     */
    static void awaitSafe(HazelcastInstance member, Duration timeout) {
        await(() -> member.getPartitionService().isClusterSafe(), timeout, () -> "a safe cluster (no migration)");
    }

    /**
     * Polls a condition every 50 ms.
     *
     * @param done the condition
     * @param timeout the longest wait
     * @param what what was awaited, for the error
     * @throws AssertionError if the wait times out
     */
    static void await(BooleanSupplier done, Duration timeout, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what.get(), e);
            }
        }
    }

    /**
     * Terminates members and clients (no graceful hand-over: the tests are done with their data), skipping nulls
     * and ones already down.
     *
     * @param instances the instances
     */
    static void terminate(HazelcastInstance... instances) {
        for (HazelcastInstance h : instances) {
            if (h != null && h.getLifecycleService().isRunning()) {
                h.getLifecycleService().terminate();
            }
        }
    }
}

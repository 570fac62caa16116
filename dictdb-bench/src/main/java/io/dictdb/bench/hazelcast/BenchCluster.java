package io.dictdb.bench.hazelcast;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Hazelcast members for the benchmarks, all in the benchmark's JVM, on 127.0.0.1 with TCP join (no multicast), a
 * cluster name of their own, Hazelcast's defaults otherwise (271 partitions, one synchronous backup per map, which
 * a one-member cluster has nowhere to keep), no phone-home and no logging.
 */
final class BenchCluster {
    private static final String HOST = "127.0.0.1";

    private BenchCluster() {
    }

    /**
     * Starts {@code n} members and waits until they form one cluster with every partition assigned.
     *
     * @param n the number of members
     * @return the members, the first the one the benchmark talks to
     */
    static HazelcastInstance[] start(int n) {
        String cluster = "dictdb-bench-" + UUID.randomUUID();
        int[] ports = freePorts(n);
        HazelcastInstance[] members = new HazelcastInstance[n];
        for (int i = 0; i < n; i++) {
            members[i] = Hazelcast.newHazelcastInstance(config(cluster, ports[i], ports));
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (members[0].getCluster().getMembers().size() != n
                || !members[0].getPartitionService().isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + n + " benchmark members did not form a safe cluster in 120 s");
            }
            sleep(50);
        }
        return members;
    }

    /**
     * Waits for no migration (after a load) and shuts the members down.
     *
     * @param members the members
     */
    static void stop(HazelcastInstance[] members) {
        if (members == null) {
            return;
        }
        for (HazelcastInstance m : members) {
            if (m != null && m.getLifecycleService().isRunning()) {
                m.getLifecycleService().terminate();
            }
        }
    }

    /**
     * Waits until every backup is in sync, so that a measurement does not start while partitions move.
     *
     * @param members the members
     */
    static void awaitSafe(HazelcastInstance[] members) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!members[0].getPartitionService().isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark cluster was not safe after 120 s");
            }
            sleep(50);
        }
    }

    private static Config config(String cluster, int port, int[] ports) {
        Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", HOST);
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "1");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(HOST);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int p : ports) {
            join.getTcpIpConfig().addMember(HOST + ":" + p);
        }
        return config;
    }

    private static int[] freePorts(int n) {
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the benchmark cluster", e);
        }
    }
}

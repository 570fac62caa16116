package io.dictdb.hazelcast.cluster;

import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The main class of a member in a child JVM: starts a member with {@link Members#config}, prints
 * {@code READY <member uuid>} once it has joined, then runs until its standard input ends (the test closed it, or
 * died) and halts. The tests kill it with SIGKILL; the end of input is only the guard that a test JVM which died
 * without its shutdown hook leaves no member behind.
 *
 * <p>Arguments: the cluster name, the member's port, then the ports of every member (the join list). Uses no
 * DictDB class, so that it also runs with a class path of Hazelcast alone (see {@link Child#startBare}).
 */
public final class ChildMember {
    private ChildMember() {
    }

    /**
     * Starts the member.
     *
     * @param args cluster name, own port, every member's port
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ChildMember CLUSTER PORT MEMBER_PORT...");
            System.exit(2);
        }
        String cluster = args[0];
        int port = Integer.parseInt(args[1]);
        int[] ports = Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray();
        HazelcastInstance member = Members.member(cluster, port, ports);
        System.out.println("READY " + member.getCluster().getLocalMember().getUuid());
        System.out.flush();
        InputStream in = System.in;
        byte[] sink = new byte[256];
        while (in.read(sink) >= 0) {
            // nothing: the parent never writes, it only closes
        }
        Runtime.getRuntime().halt(0);
    }
}

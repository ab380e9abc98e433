package org.parley.bench.voice;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.bench.vnc.LinkProxy;

/**
 * A link that loses packets: an unthrottled {@link LinkProxy} whose loopback port the kernel drops
 * {@code percent} of the packets of, both ways (an nftables table of its own: {@code numgen random}
 * rules on the output hook; {@code tc netem} would do, but this machine's kernel has no netem).
 * The browser behind it talks TCP, so a lost packet comes back by retransmission, late: what 5 %
 * loss does to a WebSocket. Loopback has next to no round trip, so TCP recovers as fast as it can
 * (fast retransmit, or the 200 ms minimum retransmission timeout when the lost packet was the last
 * in flight). Needs root and {@code nft} (Debian's nftables); everything else on loopback is untouched.
 */
final class LossyLink implements AutoCloseable {
    private static final String TABLE = "parley_bench_loss";
    private final LinkProxy proxy;

    private LossyLink(LinkProxy proxy) {
        this.proxy = proxy;
    }

    static LossyLink open(int upstreamPort, double percent) throws IOException, InterruptedException {
        LinkProxy proxy = new LinkProxy(upstreamPort, 0);
        String port = String.valueOf(proxy.port());
        String perMille = String.valueOf(Math.round(percent * 10));
        try {
            nft("add", "table", "inet", TABLE);
            nft("add", "chain", "inet", TABLE, "out", "{ type filter hook output priority 0; }");
            for (String side : List.of("dport", "sport")) {
                nft("add", "rule", "inet", TABLE, "out", "tcp", side, port, "counter");
                nft("add", "rule", "inet", TABLE, "out", "tcp", side, port, "numgen", "random", "mod", "1000", "<", perMille, "counter", "drop");
            }
        } catch (IOException | RuntimeException failed) {
            removeTable();
            proxy.close();
            throw failed;
        }
        return new LossyLink(proxy);
    }

    int port() {
        return proxy.port();
    }

    /** The rules' counters: packets on the link each way, and those dropped. */
    static String counters() {
        try {
            Process p = new ProcessBuilder("nft", "list", "table", "inet", TABLE).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return String.join("; ", out.lines().map(String::strip).filter(l -> l.contains("counter")).toList());
        } catch (IOException | InterruptedException e) {
            return "unknown (" + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        removeTable();
        proxy.close();
    }

    private static void removeTable() {
        try {
            new ProcessBuilder("nft", "delete", "table", "inet", TABLE).redirectErrorStream(true).start().waitFor();
        } catch (IOException | InterruptedException ignored) {
            // nothing was added
        }
    }

    private static void nft(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nft"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + said + " (needs root and nftables: apt-get install -y nftables)");
        }
    }
}

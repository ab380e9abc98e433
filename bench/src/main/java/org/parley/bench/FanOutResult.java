package org.parley.bench;

import java.util.List;
import java.util.Locale;

/** One fan-out case and what it measured: one line of the table. */
record FanOutResult(FanOutCase of, double seconds, LatencyHistogram latencies, long lost, long duplicates, int dropped,
                    String firstClose, double serverCores, double serverKernelShare, double receiverCores, double machineLoad, long heapPeak,
                    long heapAfterGc) {

    double messagesPerSecond() {
        return latencies.total() / seconds;
    }

    double megabytesPerSecond() {
        return messagesPerSecond() * (of.payload() + org.parley.protocol.envelope.EnvelopeCodec.HEADER_LENGTH) / 1e6;
    }

    static void print(List<FanOutResult> results) {
        String format = "%9s %8s %5s %10s %8s %8s %8s %8s %8s %6s %7s %7s %5s %7s %6s %8s %8s%n";
        System.out.printf(Locale.ROOT, format, "receivers", "payload", "msg/s", "delivered", "msgs/s", "MB/s", "p50 ms",
                "p99 ms", "p99.9 ms", "lost", "dropped", "srv CPU", "sys%", "rcv CPU", "mach%", "heap pk", "heap gc");
        for (FanOutResult r : results) {
            System.out.printf(Locale.ROOT, format, r.of.receivers(), r.of.payload(), r.of.rate(), r.latencies.total(),
                    f1(r.messagesPerSecond()), f1(r.megabytesPerSecond()), f2(r.latencies.millisAt(0.50)),
                    f2(r.latencies.millisAt(0.99)), f2(r.latencies.millisAt(0.999)), r.lost, r.dropped, f2(r.serverCores),
                    String.format(Locale.ROOT, "%.0f", 100 * r.serverKernelShare), f2(r.receiverCores), f1(100 * r.machineLoad), (r.heapPeak >> 20) + "M", (r.heapAfterGc >> 20) + "M");
        }
        System.out.println("""
                delivered = measured messages that arrived at receivers (expected receivers × rate × seconds); MB/s counts \
                envelope bytes leaving the relay (10^6 B)
                latency = arrival of the whole message at a receiver minus the time the sender was due to send it
                lost = measured messages some receiver did not have when the run stopped (10 s after the last send), \
                dropped receivers' included; dropped = receivers the relay closed (slow consumer)
                srv CPU = server JVM CPU time ÷ wall time (cores busy; includes the sender's 1 socket); sys% = kernel \
                share of srv CPU; rcv CPU = the receivers' JVM (run at --receiver-nice); mach% = whole machine
                heap pk = largest server heap in use (sampled every 50 ms); heap gc = server heap in use after a full GC, \
                connections still open""");
        for (FanOutResult r : results) {
            if (r.dropped > 0 || r.duplicates > 0) {
                System.out.printf(Locale.ROOT, "%d × %d B: %d receivers dropped (first: %s), %d duplicates%n",
                        r.of.receivers(), r.of.payload(), r.dropped, r.firstClose, r.duplicates);
            }
        }
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}

package org.parley.bench;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -cp bench/target/parley-bench.jar org.parley.bench.FanOutBench [--receivers 100] [--payload 16384]
 * [--rate 30] [--seconds 10] [--warmup 3] [--matrix]}: one sender, N receivers in one meeting, the
 * real relay over loopback.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = {"Starts Parley in-process on a fresh embedded database, puts 1 sender and N receivers in one meeting "
                + "over real WebSockets (receivers in a second JVM), sends DATA to everyone at a fixed rate and measures delivery.",
                "The relay's limits are the standard ones."})
public final class FanOutBench implements Callable<Integer> {
    @Option(names = "--receivers", defaultValue = "100", description = "receiving participants (default ${DEFAULT-VALUE})")
    int receivers;
    @Option(names = "--payload", defaultValue = "16384", description = "DATA payload bytes (default ${DEFAULT-VALUE})")
    int payload;
    @Option(names = "--rate", defaultValue = "30", description = "messages a second from the sender (default ${DEFAULT-VALUE})")
    int rate;
    @Option(names = "--seconds", defaultValue = "10", description = "measured sending time (default ${DEFAULT-VALUE})")
    int seconds;
    @Option(names = "--warmup", defaultValue = "3", description = "unmeasured sending first, seconds (default ${DEFAULT-VALUE})")
    int warmup;
    @Option(names = "--matrix", description = "run 10/100/1000 receivers × 1 KiB/64 KiB, then 1000 × 16 KiB, at --rate")
    boolean matrix;
    @Option(names = "--http-clients", defaultValue = "4", description = "JDK HttpClients the receivers share (default ${DEFAULT-VALUE})")
    int httpClients;
    @Option(names = "--receiver-jvm", defaultValue = "-Xmx2g", split = " ",
            description = "options of the receivers' JVM, space-separated (default ${DEFAULT-VALUE})")
    String[] receiverJvm;
    @Option(names = "--receiver-nice", defaultValue = "10",
            description = "nice level of the receivers' JVM, 0 for none (default ${DEFAULT-VALUE}): they stand in for other machines, "
                    + "so the server gets the CPU first")
    int receiverNice;

    public static void main(String[] args) {
        // a log line per join would measure the console, not the relay
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.exit(new CommandLine(new FanOutBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<FanOutCase> cases = new ArrayList<>();
        if (matrix) {
            for (int n : new int[] {10, 100, 1000}) {
                for (int size : new int[] {1024, 65536}) {
                    cases.add(new FanOutCase(n, size, rate, seconds, warmup));
                }
            }
            cases.add(new FanOutCase(1000, 16384, rate, seconds, warmup));
        } else {
            cases.add(new FanOutCase(receivers, payload, rate, seconds, warmup));
        }
        System.out.printf("fan-out over loopback; %d cores, %s, receivers' JVM %s nice %d%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Arrays.toString(receiverJvm), receiverNice);
        List<FanOutResult> results = new ArrayList<>();
        for (FanOutCase c : cases) {
            System.out.printf("%n== %d receivers × %d B × %d msg/s%n", c.receivers(), c.payload(), c.rate());
            results.add(new FanOutRun(c, httpClients, List.of(receiverJvm), receiverNice).run());
        }
        System.out.println();
        FanOutResult.print(results);
        return results.stream().allMatch(r -> r.lost() == 0 && r.dropped() == 0) ? 0 : 1;
    }
}

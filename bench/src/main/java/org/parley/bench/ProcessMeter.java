package org.parley.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;

/**
 * CPU and heap of this JVM — the server's, since the receivers run elsewhere — over a measured
 * window: CPU time used divided by wall time (so 1.0 = one core busy all along), the machine's
 * load sampled alongside, and the largest heap in use seen by a sampler every 50 ms.
 */
final class ProcessMeter implements AutoCloseable {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private final long cpu0 = OS.getProcessCpuTime();
    private final long[] ticks0 = userAndSystemTicks();
    private final long wall0 = System.nanoTime();
    private final Thread sampler;
    private volatile long peakHeap;
    private double machineLoadSum;
    private int machineLoadSamples;

    /** CPU as cores busy, the kernel's share of it (socket writes are kernel time), heap in bytes. */
    record Reading(double cores, double kernelShare, double machineLoad, long peakHeap) {
    }

    ProcessMeter() {
        OS.getCpuLoad(); // the first call only starts the measurement
        sampler = Thread.ofPlatform().daemon().name("process-meter").start(this::sample);
    }

    private void sample() {
        long ticks = 0;
        while (!Thread.currentThread().isInterrupted()) {
            peakHeap = Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed());
            if (++ticks % 10 == 0) {
                double load = OS.getCpuLoad();
                if (load >= 0) {
                    synchronized (this) {
                        machineLoadSum += load;
                        machineLoadSamples++;
                    }
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Reading read() {
        double cores = (OS.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
        long[] ticks = userAndSystemTicks();
        long user = ticks[0] - ticks0[0];
        long system = ticks[1] - ticks0[1];
        double kernelShare = user + system > 0 ? system / (double) (user + system) : Double.NaN;
        synchronized (this) {
            return new Reading(cores, kernelShare, machineLoadSamples == 0 ? Double.NaN : machineLoadSum / machineLoadSamples,
                    Math.max(peakHeap, MEMORY.getHeapMemoryUsage().getUsed()));
        }
    }

    /** utime and stime of this process from /proc/self/stat (fields 14 and 15), zeros where there is no /proc. */
    private static long[] userAndSystemTicks() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (java.io.IOException | RuntimeException notLinux) {
            return new long[] {0, 0};
        }
    }

    /** Heap in use after a full collection: what the open connections and rooms keep alive. */
    static long heapAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

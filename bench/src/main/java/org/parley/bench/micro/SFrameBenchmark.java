package org.parley.bench.micro;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;
import org.parley.protocol.sframe.SFrameKey;

/**
 * One KID's AES-128-GCM key (RFC 9605 suite 0x0004): sealing a frame with a fresh counter, and
 * opening a frame (the same one each time: {@link SFrameKey} checks only the tag, the replay
 * window lives in the session keys).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SFrameBenchmark {
    private static final byte[] NO_METADATA = new byte[0];

    @Param({"1024", "16384", "65536"})
    public int size;

    private SFrameKey key;
    private byte[] plaintext;
    private byte[] frame;
    private long ctr;

    @Setup
    public void setUp() {
        var random = new SecureRandom();
        byte[] baseKey = new byte[32];
        random.nextBytes(baseKey);
        key = SFrameKey.derive(CipherSuite.AES_128_GCM_SHA256_128, 0x10001, baseKey);
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        frame = key.seal(ctr++, NO_METADATA, plaintext);
    }

    @Benchmark
    public byte[] seal() {
        return key.seal(ctr++, NO_METADATA, plaintext);
    }

    @Benchmark
    public byte[] open() throws SFrameException {
        return key.open(frame, NO_METADATA);
    }
}

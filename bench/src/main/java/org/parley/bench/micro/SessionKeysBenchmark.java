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
import org.parley.protocol.keys.OpenedFrame;
import org.parley.protocol.keys.SessionKeys;
import org.parley.protocol.sframe.CipherSuite;
import org.parley.protocol.sframe.SFrameException;

/**
 * A participant's session keys, as a client uses them: {@code seal} is the sender's whole path
 * (epoch lookup, counter, header, AES-GCM); {@code sealThenOpen} adds the receiver's (header parse,
 * sender check, replay window, AES-GCM). A frame opens only once — the replay window refuses it the
 * second time — so opening is measured together with sealing a fresh frame; open alone is about
 * the difference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SessionKeysBenchmark {
    private static final int SENDER = 7;

    @Param({"1024", "16384", "65536"})
    public int size;

    private SessionKeys sender;
    private SessionKeys receiver;
    private byte[] plaintext;

    @Setup
    public void setUp() {
        var random = new SecureRandom();
        sender = new SessionKeys(SENDER, CipherSuite.AES_128_GCM_SHA256_128);
        receiver = new SessionKeys(8, CipherSuite.AES_128_GCM_SHA256_128);
        receiver.install(sender.start(random));
        plaintext = new byte[size];
        random.nextBytes(plaintext);
    }

    @Benchmark
    public byte[] seal() {
        return sender.seal(plaintext);
    }

    @Benchmark
    public OpenedFrame sealThenOpen() throws SFrameException {
        return receiver.open(SENDER, sender.seal(plaintext));
    }
}

package org.parley.bench.micro;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.parley.protocol.envelope.Envelope;
import org.parley.protocol.envelope.EnvelopeCodec;
import org.parley.protocol.envelope.MessageType;

/**
 * The relay's per-message work on the envelope: {@code decode} (header checks and a read-only slice,
 * no copy), {@code encodeInto} a reused buffer (header plus one payload copy), and {@code encode}
 * into a fresh buffer (what a client does per message).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeCodecBenchmark {
    @Param({"1024", "16384", "65536"})
    public int size;

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private Envelope envelope;
    private ByteBuffer encoded;
    private ByteBuffer out;

    @Setup
    public void setUp() {
        byte[] payload = new byte[size];
        new Random(7).nextBytes(payload);
        envelope = Envelope.of(MessageType.DATA, 7, Envelope.EVERYONE, payload);
        encoded = codec.encode(envelope).asReadOnlyBuffer();
        out = ByteBuffer.allocate(codec.encodedLength(envelope));
    }

    @Benchmark
    public Envelope decode() {
        return codec.decode(encoded);
    }

    @Benchmark
    public ByteBuffer encodeInto() {
        out.clear();
        codec.encode(envelope, out);
        return out;
    }

    @Benchmark
    public ByteBuffer encode() {
        return codec.encode(envelope);
    }
}

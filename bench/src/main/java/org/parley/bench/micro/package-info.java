/**
 * JMH micro-benchmarks of the protocol's hot paths: SFrame sealing and opening, per key and through
 * a participant's session keys, and envelope coding, at 1, 16 and 64 KiB. Run them from the bench
 * jar with {@code org.openjdk.jmh.Main}; nothing here runs during the build's tests.
 */
package org.parley.bench.micro;

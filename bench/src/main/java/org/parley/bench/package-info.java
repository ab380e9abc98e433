/**
 * Load tools for the real server, started in-process on a fresh embedded database over loopback:
 * {@code LoadBench} measures sign-in, GET /api/v1/me and meeting lists; {@code FanOutBench} measures
 * the relay sending one participant's messages to up to a thousand others (the receivers run in a
 * second JVM, {@code FanOutReceivers}). Bounded counts and time; no tests live here, so the test
 * suite never runs them.
 */
package org.parley.bench;

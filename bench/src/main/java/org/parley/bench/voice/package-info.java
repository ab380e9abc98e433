/**
 * Issue 13's voice benchmark: mouth-to-ear latency between Chromium participants in a meeting
 * loaded with Java speakers and listeners, the CPU it costs, and a listener on a slow link. A tool
 * run by hand, never by {@code mvn verify}; only its arithmetic ({@code Onset}, {@code BurstMatch},
 * {@code MinuteWindows}) has unit tests.
 */
package org.parley.bench.voice;

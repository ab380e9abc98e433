/**
 * The VNC yardstick of DESIGN §4: {@code VncYardstick} shows the agent's measurement workloads (a
 * full-screen editor: static, blinking caret, scrolling) on a private Xvfb and measures, on the same
 * screen and at the same frame rate, the agent's capture and {@code TileEncoder} ({@code AgentProbe},
 * in its own JVM) and a real x11vnc read by a minimal RFB 3.8 client ({@code RfbCounter}) that parses
 * only the framing: bytes and updates a second and each side's CPU. A tool, not a test.
 */
package org.parley.bench.vnc;

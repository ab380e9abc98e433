/**
 * Parley's screen sharing against VNC. {@code VncYardstick} (DESIGN §4) measures the agent's capture
 * and {@code TileEncoder} ({@code AgentProbe}) against x11vnc read by a minimal RFB client
 * ({@code RfbCounter}) on editor workloads. {@code BusyDesktopBench} (issue 12) measures what a viewer
 * sees: Parley, x11vnc and TigerVNC (with websockify and noVNC) one after the other on one busy Xvfb
 * desktop ({@code BusyDesktop}), each viewed by headless Chromium probing its canvas
 * ({@code CanvasViewer}) through a counting, optionally throttled link ({@code LinkProxy}).
 * {@code CaptureIdleBench} (issue 12 item 3) measures the agent's CPU on an idle desktop, Robot against
 * XDamage + XShm, and the time of one full grab of each ({@code GrabTimeProbe}). Tools, not tests.
 */
package org.parley.bench.vnc;

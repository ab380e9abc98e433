/**
 * Presenting in a session: signing in, the capture loop that streams the screen as 0x10 tiles, and
 * remote control — who may send input (0x11), checked here after decryption, never on the server's
 * word. Nothing here draws on screen except through {@code indicator}; nothing depends on the server.
 */
package org.parley.agent.present;

/**
 * Remote control: the input events of protocol README §9 (content kind 0x11), validated into
 * {@link org.parley.agent.input.InputEvent}s and applied with {@link java.awt.Robot}. Who may send
 * them (the current controller) is decided by the caller after decryption, not here.
 */
package org.parley.agent.input;

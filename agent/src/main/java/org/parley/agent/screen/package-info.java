/**
 * Screen capture and the screen-tile format of protocol README §9.2 (content kind 0x10, layout v2):
 * change detection on 64×64 tiles, COPY for scrolled and moved regions, SOLID/PALETTE/RAW records
 * in one zlib stream per message, and a decoder for tests and Java viewers.
 * Encoding and decoding work on plain {@code int[]} frames and need no display.
 */
package org.parley.agent.screen;

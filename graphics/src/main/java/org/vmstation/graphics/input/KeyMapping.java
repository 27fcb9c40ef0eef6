package org.vmstation.graphics.input;

/**
 * One key as the guest sees it: PC AT scancode set 1 in QEMU's numbering (0xE0-prefixed codes as 0x80 | code)
 * and the matching X11 keysym for servers without scancode support (0 when there is none).
 */
public record KeyMapping(int scancode, int keysym) {
}

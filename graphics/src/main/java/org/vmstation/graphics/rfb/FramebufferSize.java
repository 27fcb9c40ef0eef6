package org.vmstation.graphics.rfb;

/** Width and height of the guest screen in pixels. */
public record FramebufferSize(int width, int height) {
}

package org.vmstation.graphics.gl;

/** How a VM's 3-D acceleration reaches the user, best first. */
public enum ThreeDMode {
    /** virtio-vga-gl rendered on the host GPU through a render node ({@code -display egl-headless}); frames reach the console. */
    EMBEDDED("embedded in the console"),
    /** virtio-vga-gl shown in QEMU's own OpenGL window ({@code -display gtk,gl=on}) on the desktop's OpenGL. */
    SEPARATE_WINDOW("separate window"),
    /** A 2-D adapter; the guest renders OpenGL in software. */
    OFF("off");

    private final String label;

    ThreeDMode(String label) { this.label = label; }

    /** Words for the user, e.g. "separate window". */
    public String label() { return label; }
}

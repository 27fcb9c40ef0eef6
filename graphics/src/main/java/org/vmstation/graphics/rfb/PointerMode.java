package org.vmstation.graphics.rfb;

/** How the guest interprets pointer events: absolute (tablet) coordinates or relative (mouse) motion. */
public enum PointerMode {
    ABSOLUTE,
    RELATIVE
}

package org.vmstation.graphics.input;

/** Where key events go; {@code RfbSession::sendKey} fits. */
@FunctionalInterface
public interface KeySink {
    /** Returns whether the key could be sent. */
    boolean sendKey(int keysym, int scancode, boolean down);
}

package org.vmstation.app.gui;

import org.vmstation.app.gui.view.ConsoleProvider;

/** The console the window embeds: the graphics module's display view. */
final class Consoles {
    private Consoles() {}

    static ConsoleProvider defaultProvider() {
        return socket -> {
            throw new UnsupportedOperationException("the console display is not available in this build");
        };
    }
}

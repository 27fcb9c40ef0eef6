package org.vmstation.app.gui.view;

import java.nio.file.Path;
import javafx.scene.layout.Region;

/**
 * Makes the live console of a running VM: the graphics module's display view connected to the VM's VNC socket.
 * Kept behind this interface so the details pane does not depend on how the display connects.
 */
public interface ConsoleProvider {
    /** A connected console; {@link Console#close()} disconnects it. */
    interface Console extends AutoCloseable {
        Region view();

        @Override
        void close();
    }

    Console open(Path vncSocket) throws Exception;
}

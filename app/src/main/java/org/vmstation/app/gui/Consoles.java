package org.vmstation.app.gui;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.layout.Region;
import org.vmstation.app.gui.view.ConsoleProvider;
import org.vmstation.graphics.rfb.RfbClient;
import org.vmstation.graphics.rfb.RfbClientOptions;
import org.vmstation.graphics.rfb.RfbSession;
import org.vmstation.graphics.view.DisplayView;

/** The console the window embeds: the graphics module's display view over the VM's VNC socket. */
public final class Consoles {
    private Consoles() {}

    public static ConsoleProvider defaultProvider() {
        return Consoles::open;
    }

    /** Returns at once with an empty view; the RFB handshake runs off the FX thread and attaches when done. */
    private static ConsoleProvider.Console open(Path vncSocket) {
        DisplayView view = new DisplayView();
        view.setId("console-display");
        CompletableFuture<RfbSession> session = RfbClient.connectAsync(vncSocket, RfbClientOptions.defaults());
        session.thenAccept(s -> Platform.runLater(() -> view.attach(s)));
        return new ConsoleProvider.Console() {
            @Override public Region view() { return view; }

            @Override
            public void close() {
                view.detach();
                session.thenAccept(RfbSession::close);
                session.cancel(false);
            }
        };
    }
}

package org.vmstation.app.gui;

import java.util.Locale;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import org.vmstation.app.gui.library.VmItem;
import org.vmstation.app.gui.notify.Notification;
import org.vmstation.app.gui.view.MainWindow;
import org.vmstation.app.instance.LaunchRequest;

/**
 * Carries out a launch's request in the open window: the window comes to the front, files go to the import
 * service, and the named VM is selected and started with its console showing. Runs on the UI thread.
 */
public final class LaunchRequests {
    private final MainWindow window;

    public LaunchRequests(MainWindow window) {
        this.window = window;
    }

    public void handle(LaunchRequest request) {
        bringToFront();
        if (!request.files().isEmpty()) {
            if (window.importFlow() != null) {
                window.importFiles(request.files());
            } else {
                window.notifications().post(new Notification(Notification.Kind.WARNING, "Cannot import here",
                        request.files().size() + " file(s) were passed to VMStation, but this window has no import service.",
                        "Run `vmstation import FILE` in a terminal instead."));
            }
        }
        if (request.startVm() != null) whenLibraryLoaded(() -> start(request.startVm()));
    }

    private void bringToFront() {
        var stage = window.stage();
        if (stage.isIconified()) stage.setIconified(false);
        if (!stage.isShowing()) stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    private void whenLibraryLoaded(Runnable action) {
        var loaded = window.library().loadedProperty();
        if (loaded.get()) {
            action.run();
            return;
        }
        ChangeListener<Boolean> once = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean is) {
                if (!is) return;
                loaded.removeListener(this);
                action.run();
            }
        };
        loaded.addListener(once);
    }

    private void start(String nameOrId) {
        Optional<VmItem> found = window.library().allItems().stream()
                .filter(i -> i.id().equals(nameOrId) || i.name().equals(nameOrId)).findFirst()
                .or(() -> window.library().allItems().stream().filter(i -> i.name().toLowerCase(Locale.ROOT).equals(nameOrId.toLowerCase(Locale.ROOT))).findFirst());
        if (found.isEmpty()) {
            window.notifications().post(new Notification(Notification.Kind.ERROR, "No VM named " + nameOrId,
                    "VMStation was asked to start '" + nameOrId + "', but the library has no such VM.",
                    "Check the name with `vmstation list`."));
            return;
        }
        window.startVm(found.get());
    }
}

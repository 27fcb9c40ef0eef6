package org.vmstation.app.gui.notify;

import java.util.concurrent.CancellationException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The notifications shown in the window's corner; newest last. Used on the UI thread only. */
public final class NotificationCenter {
    private static final int MAX_KEPT = 20;
    private final ObservableList<Notification> notifications = FXCollections.observableArrayList();

    public ObservableList<Notification> notifications() { return notifications; }

    public void post(Notification n) {
        notifications.add(n);
        while (notifications.size() > MAX_KEPT) notifications.removeFirst();
    }

    public void info(String title, String message) { post(new Notification(Notification.Kind.INFO, title, message, "")); }

    /** Something went differently than asked but the work was done (a VM started without 3-D); stays until dismissed. */
    public void warning(String title, String message, String advice) {
        post(new Notification(Notification.Kind.WARNING, title, message, advice));
    }

    /** Turns a failed action into a notification that says what failed, why, and what to try. */
    public void error(String whatFailed, Throwable error) {
        error(whatFailed, error, null);
    }

    /** As {@link #error(String, Throwable)}, with the advice given by the caller where it knows better (no VM log for an import). */
    public void error(String whatFailed, Throwable error, String advice) {
        if (error instanceof CancellationException) return;
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null || root.getMessage().isBlank())) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage();
        post(new Notification(Notification.Kind.ERROR, whatFailed, message, advice != null ? advice : adviceFor(message)));
    }

    public void dismiss(Notification n) { notifications.remove(n); }

    static String adviceFor(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("permission") || m.contains("access denied")) return "Check that you own the file or folder named above.";
        if (m.contains("no space")) return "Free some disk space and try again.";
        if (m.contains("kvm")) return "VMStation falls back to software emulation; the VM will still run, more slowly.";
        if (m.contains("not found") || m.contains("no such file")) return "Check that the file still exists, or pick it again in Settings.";
        return "See the VM's QEMU log (Logs tab) for details.";
    }
}

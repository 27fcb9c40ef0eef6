package org.vmstation.engine.qmp;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands events to listeners on a thread of its own. The queue is unbounded on purpose: dropping a
 * SHUTDOWN or DEVICE_DELETED would leave the app with a wrong picture of the VM, and blocking the
 * reader would stall command replies behind a slow listener.
 */
final class QmpEventDispatcher {

    private static final System.Logger LOG = System.getLogger(QmpEventDispatcher.class.getName());

    private sealed interface Item permits EventItem, DisconnectItem { }

    private record EventItem(QmpEvent event) implements Item { }

    private record DisconnectItem(QmpDisconnectedException cause) implements Item { }

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final List<QmpEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lifecycleLock = new Object();
    private final Thread thread;
    /** Set once the disconnect has been delivered; later listeners are told at once. */
    private QmpDisconnectedException deliveredDisconnect;

    QmpEventDispatcher(String peerName) {
        this.thread = Thread.ofPlatform().daemon().name("qmp-events-" + peerName).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    void addListener(QmpEventListener listener) {
        QmpDisconnectedException alreadyDisconnected;
        synchronized (lifecycleLock) {
            alreadyDisconnected = deliveredDisconnect;
            if (alreadyDisconnected == null) {
                listeners.add(listener);
            }
        }
        if (alreadyDisconnected != null) {
            notifyDisconnect(listener, alreadyDisconnected);
        }
    }

    void removeListener(QmpEventListener listener) {
        listeners.remove(listener);
    }

    void dispatch(QmpEvent event) {
        queue.add(new EventItem(event));
    }

    /** Queues the disconnect behind all events received so far; the thread ends after delivering it. */
    void disconnected(QmpDisconnectedException cause) {
        queue.add(new DisconnectItem(cause));
    }

    private void run() {
        while (true) {
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                // Nobody interrupts this private thread; if someone does, keep delivering.
                continue;
            }
            switch (item) {
                case EventItem(QmpEvent event) -> {
                    for (QmpEventListener listener : listeners) {
                        deliver(listener, event);
                    }
                }
                case DisconnectItem(QmpDisconnectedException cause) -> {
                    List<QmpEventListener> toNotify;
                    synchronized (lifecycleLock) {
                        deliveredDisconnect = cause;
                        toNotify = List.copyOf(listeners);
                        listeners.clear();
                    }
                    for (QmpEventListener listener : toNotify) {
                        notifyDisconnect(listener, cause);
                    }
                    return;
                }
            }
        }
    }

    private static void deliver(QmpEventListener listener, QmpEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException | AssertionError | LinkageError e) {
            LOG.log(Level.WARNING, "QMP event listener " + listener + " failed on " + event.name(), e);
        }
    }

    private static void notifyDisconnect(QmpEventListener listener, QmpDisconnectedException cause) {
        try {
            listener.onDisconnect(cause);
        } catch (RuntimeException | AssertionError | LinkageError e) {
            LOG.log(Level.WARNING, "QMP event listener " + listener + " failed on disconnect", e);
        }
    }
}

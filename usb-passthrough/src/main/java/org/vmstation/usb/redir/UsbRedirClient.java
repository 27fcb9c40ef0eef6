package org.vmstation.usb.redir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** Connects to QEMU's usbredir socket (QEMU listens, VMStation is the client) and serves a device on it. */
public final class UsbRedirClient {
    private UsbRedirClient() {}

    /** Connects, retrying while QEMU has not created the socket yet, and starts the session. */
    public static UsbRedirHostSession connect(Path socket, Duration timeout, UsbRedirDevice device, Consumer<String> log) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return UsbRedirHostSession.start(ch, device, socket.getFileName().toString(), log);
            } catch (IOException e) {
                ch.close();
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("cannot connect to the usbredir socket " + socket + " within " + timeout.toMillis() + " ms"
                + (last == null ? "" : ": " + last.getMessage()), last);
    }
}

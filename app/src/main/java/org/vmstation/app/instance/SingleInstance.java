package org.vmstation.app.instance;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.vmstation.engine.runtime.RuntimeDirectory;

/**
 * One window per user: the first launch listens on {@code gui.sock} in the private runtime folder; a later
 * launch connects, hands over its request and exits. A socket file nobody listens on (a crashed window) is
 * removed and taken over. A lock file serialises the check-then-bind, so two launches at the same moment
 * cannot both become the window.
 */
public final class SingleInstance {
    public static final String SOCKET_NAME = "gui.sock";
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private SingleInstance() {}

    /** Either the open window took the request, or this process is the window and owns the server. */
    public sealed interface Claim permits HandedOver, Primary {}

    public record HandedOver() implements Claim {}

    public record Primary(InstanceServer server) implements Claim {}

    /** {@code gui.sock} in the per-user runtime folder. */
    public static Path defaultSocket() {
        return RuntimeDirectory.forCurrentUser().base().resolve(SOCKET_NAME);
    }

    /**
     * Hands {@code request} to the window listening on {@code socket}, or becomes that window.
     *
     * @throws IOException when the folder is not private, or a window listens but does not answer within {@code timeout}
     */
    public static Claim claim(Path socket, LaunchRequest request, Duration timeout) throws IOException {
        Path dir = privateFolder(socket.getParent());
        try (FileChannel lockFile = FileChannel.open(dir.resolve(SOCKET_NAME + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                SocketChannel peer = connectOrNull(socket);
                if (peer != null) {
                    handOver(peer, request, timeout, socket);
                    return new HandedOver();
                }
                Files.delete(socket); // stale: its window is gone
            }
            return new Primary(InstanceServer.bind(socket));
        }
    }

    private static SocketChannel connectOrNull(Path socket) throws IOException {
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (java.net.ConnectException e) {
            return null;
        }
    }

    private static void handOver(SocketChannel peer, LaunchRequest request, Duration timeout, Path socket) throws IOException {
        try (peer) {
            // the answer comes from the window's thread; a hung window must not hang this launch too
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(timeout.toMillis());
                    peer.close();
                } catch (InterruptedException | IOException ignored) {
                    // answered in time
                }
            });
            try {
                Channels.newOutputStream(peer).write(InstanceProtocol.encode(request).getBytes(StandardCharsets.UTF_8));
                String error = InstanceProtocol.readAnswer(Channels.newInputStream(peer));
                if (error != null) throw new IOException("the open VMStation window refused the request: " + error);
            } catch (IOException e) {
                if (!peer.isOpen()) {
                    throw new IOException("a VMStation window is open (socket " + socket + ") but did not answer within "
                            + timeout.toSeconds() + " s; close it or end its process, then try again");
                }
                throw e;
            } finally {
                watchdog.interrupt();
            }
        }
    }

    private static Path privateFolder(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another launch made it at the same moment; checked below
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new IOException(dir + " should be a folder but is not");
        String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException("runtime folder " + dir + " belongs to " + owner + ": refusing to put the window's socket there");
        }
        if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE)) Files.setPosixFilePermissions(dir, PRIVATE);
        return dir;
    }
}

package org.vmstation.usb.redir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.vmstation.usb.redir.UsbRedirPacket.*;

/**
 * The device side ("usb-host" in usbredir terms) of one usbredir connection: serves a {@link UsbRedirDevice}
 * to the peer (QEMU's {@code usb-redir}). Layers: the channel (transport) → {@link UsbRedirFrameDecoder}
 * (framing) → {@link UsbRedirCodec} (typed packets) → this class (request/response by packet id).
 *
 * <p>A malformed or out-of-protocol packet ends this connection with a {@link UsbRedirProtocolException} in
 * {@link #closed()}; it never propagates to the caller.
 */
public final class UsbRedirHostSession implements AutoCloseable {
    public static final String VERSION = "VMStation usbredir 0.1";

    private record PendingIn(long id, int endpoint, int maxLength, long streamId) {}

    private final ByteChannel channel;
    private final UsbRedirDevice device;
    private final String name;
    private final Consumer<String> log;
    private final UsbRedirFrameDecoder decoder = new UsbRedirFrameDecoder();
    private final UsbRedirCodec codec = new UsbRedirCodec();
    private final Deque<PendingIn> pendingIn = new ArrayDeque<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<String> peerHello = new CompletableFuture<>();
    private final Object writeLock = new Object();
    private volatile boolean ids64;
    private volatile boolean deviceConnected;
    private Thread reader;

    private UsbRedirHostSession(ByteChannel channel, UsbRedirDevice device, String name, Consumer<String> log) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.device = Objects.requireNonNull(device, "device");
        this.name = Objects.requireNonNull(name, "name");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Sends our hello and starts serving; the device is connected once the peer's hello arrives. */
    public static UsbRedirHostSession start(ByteChannel channel, UsbRedirDevice device, String name, Consumer<String> log) throws IOException {
        UsbRedirHostSession s = new UsbRedirHostSession(channel, device, name, log);
        s.send(new Hello(VERSION, UsbRedirCaps.OURS), 0);
        s.reader = Thread.ofPlatform().daemon().name("usbredir-" + name).start(s::readLoop);
        return s;
    }

    /** Completes when the connection ends: normally on EOF or {@link #close()}, exceptionally on a protocol error. */
    public CompletableFuture<Void> closed() { return closed; }

    /** Completes with the peer's version string once its hello arrived (and the device was announced). */
    public CompletableFuture<String> peerHello() { return peerHello; }

    /** usbredir-level unplug: the guest sees the device go away; the connection stays open. */
    public void disconnectDevice() throws IOException {
        if (deviceConnected) {
            deviceConnected = false;
            send(new DeviceDisconnect(), 0);
        }
    }

    /** usbredir-level plug after {@link #disconnectDevice()}. */
    public void connectDevice() throws IOException {
        if (!deviceConnected && peerHello.isDone()) announceDevice();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
        closed.complete(null);
        if (reader != null && reader != Thread.currentThread()) reader.interrupt();
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
        Throwable failure = null;
        try {
            while (true) {
                buf.clear();
                int n = channel.read(buf);
                if (n < 0) break;
                decoder.feed(buf.array(), 0, n, this::onFrame);
            }
        } catch (UsbRedirProtocolException e) {
            log.accept("usbredir " + name + ": " + e.getMessage() + "; closing the connection");
            failure = e;
        } catch (IOException e) {
            if (!closed.isDone()) failure = new IOException("usbredir " + name + ": connection failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            log.accept("usbredir " + name + ": internal error " + e + "; closing the connection");
            failure = new UsbRedirProtocolException("usbredir " + name + ": internal error: " + e, e);
        }
        // Close before completing, so whoever waits on closed() finds the connection already shut.
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
        peerHello.completeExceptionally(new IOException("usbredir " + name + ": connection ended before the peer's hello"));
        if (failure == null) closed.complete(null); else closed.completeExceptionally(failure);
    }

    private void onFrame(UsbRedirFrame frame) throws UsbRedirProtocolException {
        UsbRedirPacket packet = codec.decode(frame);
        try {
            handle(packet, frame.id());
            retryPendingIn();
        } catch (IOException e) {
            throw new UsbRedirProtocolException("cannot send to the peer: " + e.getMessage(), e);
        }
    }

    private void handle(UsbRedirPacket packet, long id) throws IOException, UsbRedirProtocolException {
        if (!(packet instanceof Hello) && !peerHello.isDone()) {
            throw new UsbRedirProtocolException("peer sent packet type " + packet.getClass().getSimpleName() + " before its hello");
        }
        switch (packet) {
            case Hello h -> {
                if (peerHello.isDone()) throw new UsbRedirProtocolException("peer sent a second hello");
                UsbRedirCaps common = h.caps().and(UsbRedirCaps.OURS);
                codec.negotiated(common);
                ids64 = common.has(UsbRedirCaps.IDS_64BITS);
                decoder.use64BitIds(ids64);
                announceDevice();
                peerHello.complete(h.version());
            }
            case Reset r -> {
                pendingIn.clear();
                device.reset();
            }
            case SetConfiguration s -> {
                int status = safeStatus(() -> device.setConfiguration(s.configuration()));
                send(new ConfigurationStatus(status, device.configuration()), id);
                sendInterfaceAndEndpointInfo();
            }
            case GetConfiguration g -> send(new ConfigurationStatus(UsbStatus.SUCCESS, device.configuration()), id);
            case SetAltSetting s -> {
                int status = safeStatus(() -> device.setAltSetting(s.iface(), s.alt()));
                int alt = device.altSetting(s.iface());
                send(new AltSettingStatus(status, s.iface(), Math.max(alt, 0)), id);
                sendInterfaceAndEndpointInfo();
            }
            case GetAltSetting g -> {
                int alt = device.altSetting(g.iface());
                send(new AltSettingStatus(alt < 0 ? UsbStatus.INVAL : UsbStatus.SUCCESS, g.iface(), Math.max(alt, 0)), id);
            }
            case StartInterruptReceiving s -> send(new InterruptReceivingStatus(UsbStatus.INVAL, s.endpoint()), id);
            case StopInterruptReceiving s -> send(new InterruptReceivingStatus(UsbStatus.SUCCESS, s.endpoint()), id);
            case CancelDataPacket c -> cancel(id);
            case ControlPacket c -> handleControl(c, id);
            case BulkPacket b -> handleBulk(b, id);
            case InterruptPacket p -> send(new InterruptPacket(p.endpoint(), UsbStatus.INVAL, 0, new byte[0]), id);
            case DeviceDisconnectAck a -> { }
            case Unsupported u -> log.accept("usbredir " + name + ": ignoring unsupported packet type " + u.type());
            default -> throw new UsbRedirProtocolException("peer sent " + packet.getClass().getSimpleName()
                    + ", which only the device side may send");
        }
    }

    private void handleControl(ControlPacket c, long id) throws IOException, UsbRedirProtocolException {
        boolean in = (c.requestType() & 0x80) != 0;
        if (in && c.data().length != 0) {
            throw new UsbRedirProtocolException("control IN request (id " + id + ") carries " + c.data().length + " data bytes");
        }
        if (!in && c.data().length != c.length()) {
            throw new UsbRedirProtocolException("control OUT request (id " + id + ") says length " + c.length()
                    + " but carries " + c.data().length + " bytes");
        }
        TransferResult r;
        try {
            r = device.control(c.requestType(), c.request(), c.value(), c.index(), c.length(), c.data());
        } catch (RuntimeException e) {
            log.accept("usbredir " + name + ": control request failed: " + e);
            r = TransferResult.error(UsbStatus.IOERROR);
        }
        byte[] data = in ? Arrays.copyOf(r.data(), Math.min(r.data().length, c.length())) : new byte[0];
        int length = in ? data.length : Math.min(r.length(), c.length());
        send(new ControlPacket(c.endpoint(), c.request(), c.requestType(), r.status(), c.value(), c.index(), length, data), id);
    }

    private void handleBulk(BulkPacket b, long id) throws IOException, UsbRedirProtocolException {
        boolean in = (b.endpoint() & 0x80) != 0;
        if (in) {
            if (b.data().length != 0) throw new UsbRedirProtocolException("bulk IN request (id " + id + ") carries data");
            if (b.length() > UsbRedirFrameDecoder.DEFAULT_MAX_BODY) {
                throw new UsbRedirProtocolException("bulk IN request (id " + id + ") asks for " + b.length() + " bytes; the limit is "
                        + UsbRedirFrameDecoder.DEFAULT_MAX_BODY);
            }
            pendingIn.addLast(new PendingIn(id, b.endpoint(), (int) b.length(), b.streamId()));
            return; // served by retryPendingIn, in order
        }
        if (b.data().length != b.length()) {
            throw new UsbRedirProtocolException("bulk OUT request (id " + id + ") says length " + b.length()
                    + " but carries " + b.data().length + " bytes");
        }
        TransferResult r;
        try {
            r = device.bulkOut(b.endpoint(), b.data());
        } catch (RuntimeException e) {
            log.accept("usbredir " + name + ": bulk OUT failed: " + e);
            r = TransferResult.error(UsbStatus.IOERROR);
        }
        send(new BulkPacket(b.endpoint(), r.status(), r.status() == UsbStatus.SUCCESS ? r.length() : 0, b.streamId(), new byte[0]), id);
    }

    /** Serves waiting IN requests the device can answer now, oldest first per endpoint. */
    private void retryPendingIn() throws IOException {
        Iterator<PendingIn> it = pendingIn.iterator();
        java.util.Set<Integer> blocked = new java.util.HashSet<>();
        while (it.hasNext()) {
            PendingIn p = it.next();
            if (blocked.contains(p.endpoint())) continue;
            TransferResult r;
            try {
                r = device.bulkIn(p.endpoint(), p.maxLength());
            } catch (RuntimeException e) {
                log.accept("usbredir " + name + ": bulk IN failed: " + e);
                r = TransferResult.error(UsbStatus.IOERROR);
            }
            if (r == null) {
                blocked.add(p.endpoint());
                continue;
            }
            it.remove();
            byte[] data = r.data().length > p.maxLength() ? Arrays.copyOf(r.data(), p.maxLength()) : r.data();
            send(new BulkPacket(p.endpoint(), r.status(), data.length, p.streamId(), data), p.id());
        }
    }

    private void cancel(long id) throws IOException {
        Iterator<PendingIn> it = pendingIn.iterator();
        while (it.hasNext()) {
            PendingIn p = it.next();
            if (p.id() == id) {
                it.remove();
                send(new BulkPacket(p.endpoint(), UsbStatus.CANCELLED, 0, p.streamId(), new byte[0]), id);
                return;
            }
        }
    }

    private void announceDevice() throws IOException {
        sendInterfaceAndEndpointInfo();
        UsbRedirDevice.Identity d = device.identity();
        send(new DeviceConnect(d.usbredirSpeed(), d.deviceClass(), d.subclass(), d.protocol(), d.vendorId(), d.productId(), d.bcdDevice()), 0);
        deviceConnected = true;
    }

    private void sendInterfaceAndEndpointInfo() throws IOException {
        var ifaces = device.interfaces();
        int n = ifaces.size();
        int[] num = new int[n], cls = new int[n], sub = new int[n], proto = new int[n];
        for (int i = 0; i < n; i++) {
            num[i] = ifaces.get(i).number();
            cls[i] = ifaces.get(i).interfaceClass();
            sub[i] = ifaces.get(i).subclass();
            proto[i] = ifaces.get(i).protocol();
        }
        send(new InterfaceInfo(num, cls, sub, proto), 0);
        int[] type = new int[32], interval = new int[32], iface = new int[32], mps = new int[32];
        Arrays.fill(type, 255);
        type[0] = 0; // control
        type[16] = 0;
        mps[0] = 64;
        mps[16] = 64;
        for (UsbRedirDevice.Endpoint e : device.endpoints()) {
            int slot = EpInfo.slot(e.address());
            type[slot] = e.type();
            interval[slot] = e.interval();
            iface[slot] = e.iface();
            mps[slot] = e.maxPacketSize();
        }
        send(new EpInfo(type, interval, iface, mps), 0);
    }

    private void send(UsbRedirPacket packet, long id) throws IOException {
        byte[] wire = UsbRedirCodec.toWire(codec.encode(packet, id), ids64);
        synchronized (writeLock) {
            ByteBuffer b = ByteBuffer.wrap(wire);
            while (b.hasRemaining()) channel.write(b);
        }
    }

    private interface StatusCall { int call(); }

    private int safeStatus(StatusCall call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            log.accept("usbredir " + name + ": device call failed: " + e);
            return UsbStatus.IOERROR;
        }
    }
}

package org.vmstation.engine.model;

import java.util.Locale;
import java.util.Objects;

/** A user-mode NAT port forward: host port → guest port. */
public record PortForward(Protocol protocol, String hostAddress, int hostPort, int guestPort) {
    public enum Protocol { TCP, UDP }

    public PortForward {
        Objects.requireNonNull(protocol, "protocol");
        hostAddress = hostAddress == null || hostAddress.isBlank() ? "127.0.0.1" : hostAddress;
    }

    /** Parses the command-line form {@code tcp:2222:22} or {@code udp:0.0.0.0:5353:53}. */
    public static PortForward parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 3 && parts.length != 4) {
            throw new IllegalArgumentException("port forward '" + text + "': expected PROTO:HOSTPORT:GUESTPORT, e.g. tcp:2222:22");
        }
        Protocol protocol;
        try {
            protocol = Protocol.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("port forward '" + text + "': protocol must be tcp or udp, not '" + parts[0] + "'");
        }
        String address = parts.length == 4 ? parts[1] : null;
        try {
            int host = Integer.parseInt(parts[parts.length - 2]);
            int guest = Integer.parseInt(parts[parts.length - 1]);
            return new PortForward(protocol, address, host, guest);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port forward '" + text + "': ports must be numbers between 1 and 65535");
        }
    }

    @Override
    public String toString() {
        return protocol.name().toLowerCase(Locale.ROOT) + ":" + hostAddress + ":" + hostPort + ":" + guestPort;
    }
}

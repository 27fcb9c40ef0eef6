package org.vmstation.graphics.rfb.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vmstation.graphics.rfb.RfbLimits;
import org.vmstation.graphics.rfb.RfbProtocolException;
import org.vmstation.graphics.rfb.ServerInit;

/**
 * The RFB opening: ProtocolVersion, security negotiation (None, or VNC authentication when a password is
 * configured), SecurityResult, ClientInit and ServerInit. Supports servers speaking 3.3, 3.7 and 3.8.
 */
public final class Handshake {

    private enum State {
        VERSION, SECURITY_TYPE_COUNT, SECURITY_TYPES, SECURITY_TYPE_33, FAILURE_REASON_LENGTH, FAILURE_REASON,
        VNC_CHALLENGE, SECURITY_RESULT, SERVER_INIT, SERVER_NAME, DONE
    }

    private static final int SECURITY_NONE = 1;
    private static final int SECURITY_VNC = 2;

    private final RfbOutput out;
    private final String password;
    private final boolean shared;
    private final ByteAccumulator fields = new ByteAccumulator();
    private State state = State.VERSION;
    private int minor;
    private int chosenSecurity;
    private String failurePrefix;
    private int width;
    private int height;
    private PixelFormat serverFormat;
    private ServerInit result;

    public Handshake(RfbOutput out, String password, boolean shared) {
        this.out = out;
        this.password = password;
        this.shared = shared;
        fields.expect(12);
    }

    public boolean isDone() {
        return state == State.DONE;
    }

    public ServerInit result() {
        return result;
    }

    /** Consumes handshake bytes from {@code in}, stopping when done (leaving later bytes unread). */
    public void read(ByteBuffer in) throws RfbProtocolException {
        while (state != State.DONE && step(in)) {
            // each step that completes may need no further input (e.g. skipping SecurityResult on 3.7 None)
        }
    }

    /** Advances one state; false when more input is needed. */
    private boolean step(ByteBuffer in) throws RfbProtocolException {
        switch (state) {
            case VERSION -> {
                if (!fields.fill(in)) return false;
                readVersion(new String(fields.array(), 0, 12, StandardCharsets.US_ASCII));
            }
            case SECURITY_TYPE_COUNT -> {
                if (!fields.fill(in)) return false;
                int count = fields.buffer().get() & 0xFF;
                if (count == 0) {
                    expectFailureReason("server refused the connection");
                } else {
                    fields.expect(count);
                    state = State.SECURITY_TYPES;
                }
            }
            case SECURITY_TYPES -> {
                if (!fields.fill(in)) return false;
                List<Integer> offered = new ArrayList<>();
                for (int i = 0; i < fields.length(); i++) offered.add(fields.array()[i] & 0xFF);
                chooseSecurity(offered);
                out.send(new byte[] {(byte) chosenSecurity});
                afterSecurityChosen();
            }
            case SECURITY_TYPE_33 -> {
                if (!fields.fill(in)) return false;
                int type = fields.buffer().getInt();
                if (type == 0) {
                    expectFailureReason("server refused the connection");
                } else {
                    chooseSecurity(List.of(type));
                    afterSecurityChosen();
                }
            }
            case FAILURE_REASON_LENGTH -> {
                if (!fields.fill(in)) return false;
                long length = fields.buffer().getInt() & 0xFFFFFFFFL;
                if (length > RfbLimits.MAX_STRING) {
                    throw new RfbProtocolException(failurePrefix + " (reason length " + length + " exceeds limit "
                            + RfbLimits.MAX_STRING + ")");
                }
                fields.expect((int) length);
                state = State.FAILURE_REASON;
            }
            case FAILURE_REASON -> {
                if (!fields.fill(in)) return false;
                throw new RfbProtocolException(failurePrefix + ": "
                        + new String(fields.array(), 0, fields.length(), StandardCharsets.UTF_8));
            }
            case VNC_CHALLENGE -> {
                if (!fields.fill(in)) return false;
                out.send(VncAuthentication.response(fields.array(), password));
                fields.expect(4);
                state = State.SECURITY_RESULT;
            }
            case SECURITY_RESULT -> {
                if (!fields.fill(in)) return false;
                int status = fields.buffer().getInt();
                if (status != 0) {
                    if (minor >= 8) {
                        expectFailureReason("authentication failed");
                    } else {
                        throw new RfbProtocolException("authentication failed (SecurityResult " + status + ")");
                    }
                } else {
                    sendClientInit();
                }
            }
            case SERVER_INIT -> {
                if (!fields.fill(in)) return false;
                ByteBuffer b = fields.buffer();
                width = b.getShort() & 0xFFFF;
                height = b.getShort() & 0xFFFF;
                serverFormat = PixelFormat.read(b);
                long nameLength = b.getInt() & 0xFFFFFFFFL;
                if (width > RfbLimits.MAX_DIMENSION || height > RfbLimits.MAX_DIMENSION) {
                    throw new RfbProtocolException("ServerInit framebuffer " + width + "x" + height + " exceeds limit "
                            + RfbLimits.MAX_DIMENSION + "x" + RfbLimits.MAX_DIMENSION);
                }
                if (nameLength > RfbLimits.MAX_STRING) {
                    throw new RfbProtocolException("ServerInit desktop name length " + nameLength + " exceeds limit "
                            + RfbLimits.MAX_STRING);
                }
                fields.expect((int) nameLength);
                state = State.SERVER_NAME;
            }
            case SERVER_NAME -> {
                if (!fields.fill(in)) return false;
                String name = new String(fields.array(), 0, fields.length(), StandardCharsets.UTF_8);
                result = new ServerInit("3." + minor, width, height, serverFormat, name);
                state = State.DONE;
            }
            default -> throw new IllegalStateException(state.toString());
        }
        return true;
    }

    private void readVersion(String version) throws RfbProtocolException {
        if (!version.matches("RFB \\d{3}\\.\\d{3}\n")) {
            throw new RfbProtocolException("not an RFB server: greeting was \"" + version.strip() + "\"");
        }
        int major = Integer.parseInt(version.substring(4, 7));
        int serverMinor = Integer.parseInt(version.substring(8, 11));
        if (major < 3) throw new RfbProtocolException("unsupported RFB version " + version.strip());
        // Per the specification, unknown minor versions between the published ones are treated as 3.3.
        minor = major > 3 || serverMinor >= 8 ? 8 : serverMinor == 7 ? 7 : 3;
        out.send(String.format("RFB 003.%03d\n", minor).getBytes(StandardCharsets.US_ASCII));
        if (minor >= 7) {
            fields.expect(1);
            state = State.SECURITY_TYPE_COUNT;
        } else {
            fields.expect(4);
            state = State.SECURITY_TYPE_33;
        }
    }

    private void chooseSecurity(List<Integer> offered) throws RfbProtocolException {
        if (offered.contains(SECURITY_NONE)) {
            chosenSecurity = SECURITY_NONE;
        } else if (offered.contains(SECURITY_VNC) && password != null) {
            chosenSecurity = SECURITY_VNC;
        } else {
            throw new RfbProtocolException("server offers security types " + offered
                    + "; this client supports 1 (None) and, with a password configured, 2 (VNC authentication)");
        }
    }

    private void afterSecurityChosen() {
        if (chosenSecurity == SECURITY_VNC) {
            fields.expect(16);
            state = State.VNC_CHALLENGE;
        } else if (minor >= 8) {
            fields.expect(4);
            state = State.SECURITY_RESULT;
        } else {
            sendClientInit();
        }
    }

    private void expectFailureReason(String prefix) {
        failurePrefix = prefix;
        fields.expect(4);
        state = State.FAILURE_REASON_LENGTH;
    }

    private void sendClientInit() {
        out.send(new byte[] {(byte) (shared ? 1 : 0)});
        fields.expect(24);
        state = State.SERVER_INIT;
    }
}

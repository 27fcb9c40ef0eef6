package org.vmstation.engine.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boots the real demo guest under QEMU (TCG) and checks its contract: ready marker, probes, ACPI power-off. */
@Tag("guest")
class GuestBootTest {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void bootsToReadyReportsInputDevicesAndPowersOffOnAcpiButton(@TempDir Path dir) throws Exception {
        GuestImage guest = TestGuest.image();
        Path serial = dir.resolve("serial.log");
        Path qmp = dir.resolve("qmp.sock");
        List<String> cmd = TestGuest.qemuCommand(guest, serial, List.of("input", "usb", "power"),
                "-device", "qemu-xhci", "-device", "usb-tablet",
                "-qmp", "unix:" + qmp + ",server=on,wait=off");
        Process qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.out").toFile()).start();
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(serial, GuestImageLocator.READY_MARKER)) {
            Duration bootTime = ready.future()
                    .get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            System.err.println("demo guest ready after " + bootTime.toMillis() + " ms");

            Map<String, List<String>> probes = ProbeOutput.parse(serial);
            assertThat(probes).containsKeys("input", "usb", "power");
            assertThat(probes.get("input")).anyMatch(line -> line.startsWith("N: Name="));
            assertThat(probes.get("input")).contains("N: Name=\"Power Button\"");
            assertThat(probes.get("usb")).anyMatch(line -> line.contains("idVendor=0627") && line.contains("QEMU USB Tablet"));

            pressPowerButton(qmp);
            assertThat(qemu.waitFor(30, TimeUnit.SECONDS))
                    .as("QEMU exits by itself after the guest handles the ACPI power button; serial log:%n%s", tail(serial))
                    .isTrue();
            assertThat(Files.readString(serial)).contains("ACPI power button, powering off");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + GuestImageLocator.READY_MARKER + " within " + READY_TIMEOUT
                    + "; serial log:\n" + tail(serial) + "\nqemu output:\n" + tail(dir.resolve("qemu.out")), e);
        } finally {
            qemu.destroyForcibly();
        }
    }

    @Test
    void bzImageKernelAlsoBootsToReady(@TempDir Path dir) throws Exception {
        GuestImage guest = TestGuest.image();
        Path serial = dir.resolve("serial.log");
        List<String> cmd = new java.util.ArrayList<>(TestGuest.qemuCommand(guest, serial, List.of("block")));
        cmd.set(cmd.indexOf("-kernel") + 1, guest.kernel().toString());
        Process qemu = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("qemu.out").toFile()).start();
        try (SerialMarkerWatcher ready = SerialMarkerWatcher.start(serial, GuestImageLocator.READY_MARKER)) {
            Duration bootTime = ready.future().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            System.err.println("demo guest (bzImage) ready after " + bootTime.toMillis() + " ms");
            assertThat(ProbeOutput.parse(serial).get("block")).anyMatch(line -> line.contains("#blocks"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("bzImage guest: no " + GuestImageLocator.READY_MARKER + " within " + READY_TIMEOUT
                    + "; serial log:\n" + tail(serial), e);
        } finally {
            qemu.destroyForcibly();
        }
    }

    /** Minimal QMP exchange: greeting, qmp_capabilities, system_powerdown (an ACPI power-button press). */
    private static void pressPowerButton(Path socket) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            readLine(channel);
            send(channel, "{\"execute\":\"qmp_capabilities\"}");
            assertThat(readLine(channel)).contains("\"return\"");
            send(channel, "{\"execute\":\"system_powerdown\"}");
            // The reply may come after a POWERDOWN event; read until it shows up.
            for (int i = 0; i < 10; i++) {
                if (readLine(channel).contains("\"return\"")) {
                    return;
                }
            }
            throw new AssertionError("no QMP reply to system_powerdown");
        }
    }

    private static void send(SocketChannel channel, String json) throws IOException {
        channel.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static String readLine(SocketChannel channel) throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (line.length() < 64 * 1024) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("QMP connection closed after: " + line);
            }
            char c = (char) one.get(0);
            if (c == '\n') {
                return line.toString();
            }
            line.append(c);
        }
        throw new IOException("QMP line longer than 64 KiB");
    }

    private static String tail(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "(missing)";
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}

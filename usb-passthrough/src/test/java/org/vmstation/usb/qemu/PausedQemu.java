package org.vmstation.usb.qemu;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vmstation.engine.guest.TestGuest;
import org.vmstation.engine.qmp.QmpClient;
import org.vmstation.engine.runtime.VmControl;

/** A real QEMU without a guest (-S, q35, the xHCI controller VMStation always adds) and its QMP client. */
final class PausedQemu implements AutoCloseable {
    final Process process;
    final QmpClient qmp;
    final VmControl control;

    PausedQemu(Path dir, String... extra) throws Exception {
        Path socket = dir.resolve("qmp.sock");
        List<String> cmd = new ArrayList<>(List.of(TestGuest.qemuBinary(), "-machine", "q35", "-accel", "tcg", "-nodefaults",
                "-display", "none", "-S", "-device", "qemu-xhci,id=xhci", "-qmp", "unix:" + socket + ",server=on,wait=off"));
        cmd.addAll(List.of(extra));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("qemu.log").toFile()).start();
        qmp = QmpClient.connect(socket, Duration.ofSeconds(20));
        control = (name, args) -> qmp.call(name, args);
    }

    @Override
    public void close() throws Exception {
        try {
            qmp.quit();
        } catch (RuntimeException ignored) {
            // already gone
        }
        qmp.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}

package org.vmstation.app.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vmstation.engine.runtime.VmRuntimePaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "console", description = "Attach this terminal to the VM's serial console. Ctrl+] detaches (the VM keeps running).")
final class ConsoleCommand implements Callable<Integer> {
    static final int DETACH_KEY = 0x1d; // Ctrl+]

    @ParentCommand VmstationCommand root;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws IOException {
        RunningVmSocket vm = RunningVmSocket.find(root.library, name, VmRuntimePaths::serialSocket,
                vmName -> "VM '" + vmName + "' has no serial console (enable it in its settings)");
        attach(vm.socket(), vm.vmName(), System.in);
        return ExitCodes.OK;
    }

    static void attach(Path socket, String vmName, InputStream in) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            System.err.printf("Connected to the serial console of '%s'. Press Ctrl+] to detach.%n", vmName);
            boolean raw = setRawTerminal(true);
            Thread pump = Thread.ofPlatform().daemon().name("serial-to-terminal").start(() -> {
                ByteBuffer buf = ByteBuffer.allocate(8192);
                try {
                    while (channel.read(buf.clear()) >= 0) {
                        System.out.write(buf.array(), 0, buf.position());
                        System.out.flush();
                    }
                } catch (IOException closed) {
                    // detached or VM gone
                }
            });
            try {
                int b;
                while ((b = in.read()) >= 0 && b != DETACH_KEY && pump.isAlive()) {
                    channel.write(ByteBuffer.wrap(new byte[] {(byte) b}));
                }
            } finally {
                if (raw) setRawTerminal(false);
                System.err.printf("%nDetached from '%s'.%n", vmName);
            }
        }
    }

    /** Puts the controlling terminal in raw mode (keys go to the guest as typed), through stty on /dev/tty. */
    private static boolean setRawTerminal(boolean raw) {
        if (System.console() == null || !new File("/dev/tty").canRead()) return false;
        try {
            Process p = new ProcessBuilder(raw ? new String[] {"stty", "raw", "-echo"} : new String[] {"stty", "sane"})
                    .redirectInput(new File("/dev/tty")).redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

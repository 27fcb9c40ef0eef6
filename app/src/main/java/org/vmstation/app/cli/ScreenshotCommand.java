package org.vmstation.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.vmstation.engine.runtime.VmRuntimePaths;
import org.vmstation.graphics.framebuffer.FramebufferSnapshot;
import org.vmstation.graphics.rfb.RfbScreenshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "screenshot", description = "Save what a running VM's screen shows now as a PNG file.")
final class ScreenshotCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ParentCommand VmstationCommand root;
    @Parameters(index = "0", paramLabel = "NAME") String name;
    @Parameters(index = "1", paramLabel = "FILE.png") Path file;

    @Override
    public Integer call() throws InterruptedException {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new CliException(ExitCodes.USAGE, "'" + file + "': the screenshot is written as PNG; name the file FILE.png");
        }
        RunningVmSocket vm = RunningVmSocket.find(root.library, name, VmRuntimePaths::vncSocket,
                vmName -> "VM '" + vmName + "' has no display to capture (its display adapter is None)");
        String vmName = vm.vmName();
        try {
            FramebufferSnapshot shot = RfbScreenshots.capture(vm.socket(), TIMEOUT);
            shot.writePng(file);
            System.out.printf("Saved the screen of '%s' (%dx%d) to %s%n", vmName, shot.width(), shot.height(), file.toAbsolutePath());
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "could not capture the screen of '" + vmName + "': " + e.getMessage());
        }
        return ExitCodes.OK;
    }
}

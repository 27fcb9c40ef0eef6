package org.vmstation.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which launches skip the picocli model: exactly the plain window launches, everything else keeps the full CLI. */
class GuiLauncherDirectLaunchTest {
    @Test
    void plainWindowLaunchesAreReadDirectly() {
        assertEquals(new GuiLauncher.DirectLaunch(null, false, List.of()), GuiLauncher.DirectLaunch.parse());
        assertEquals(new GuiLauncher.DirectLaunch(null, true, List.of()), GuiLauncher.DirectLaunch.parse("gui"));
        assertEquals(new GuiLauncher.DirectLaunch(Path.of("/l"), false, List.of()), GuiLauncher.DirectLaunch.parse("--library", "/l"));
        assertEquals(new GuiLauncher.DirectLaunch(Path.of("/l"), true, List.of()), GuiLauncher.DirectLaunch.parse("--library=/l", "gui"));
        assertEquals(new GuiLauncher.DirectLaunch(Path.of("lib"), true, List.of("a.ova", "b.iso")),
                GuiLauncher.DirectLaunch.parse("--library", "lib", "gui", "a.ova", "b.iso"));
    }

    @Test
    void everythingElseGoesThroughTheCommandLine() {
        for (List<String> args : List.of(List.of("list"), List.of("--help"), List.of("gui", "--start", "vm"), List.of("gui", "--help"),
                List.of("gui", "@args.txt"), List.of("--library"), List.of("--library="), List.of("--library", "--help"),
                List.of("--library", "/l", "start", "vm"), List.of("gui", "--library", "/l"), List.of("--version"), List.of("gui", ""),
                List.of("demo"))) {
            assertNull(GuiLauncher.DirectLaunch.parse(args.toArray(String[]::new)), "direct launch for " + args);
        }
    }
}

package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.guest.GlGuestImageLocator;

/** The GL guest's serial report, as recorded from real runs of build-guest-gl.sh's guest. */
class GuestGlReportTest {
    static final String VIRGL_RUN = """
            VMSTATION-PROBE-BEGIN gl
            VMSTATION-GL-WORKLOAD cube 15
            VMSTATION-GL Using display 0x5613f580dd50 with EGL version 1.4
            VMSTATION-GL   renderer: "virgl (LLVMPIPE (LLVM 15.0.6, 256 bits))"
            VMSTATION-GL Rendered 380 frames in 2.051165 sec (185.260595 fps)
            VMSTATION-GL Rendered 1574 frames in 12.127075 sec (129.792224 fps)
            VMSTATION-GL Terminated
            VMSTATION-GL-RENDERER virgl (LLVMPIPE (LLVM 15.0.6, 256 bits))
            VMSTATION-GL-FPS 129.792224 1574 12.127075
            VMSTATION-GL-DONE 143
            VMSTATION-PROBE-END gl
            VMSTATION-READY
            """;

    @Test
    void readsRendererAndFrameRate() {
        GuestGlReport r = GuestGlReport.parse(VIRGL_RUN);
        assertThat(r.workload()).isEqualTo("cube");
        assertThat(r.renderer()).isEqualTo("virgl (LLVMPIPE (LLVM 15.0.6, 256 bits))");
        assertThat(r.framesPerSecond()).hasValue(129.792224);
        assertThat(r.frames()).isEqualTo(1574);
        assertThat(r.rate()).isEqualTo("129.8 fps (1574 frames in 12.1 s)");
    }

    @Test
    void aRunWithoutAFrameHasNoRate() {
        GuestGlReport r = GuestGlReport.parse("""
                VMSTATION-GL-WORKLOAD shader 20
                VMSTATION-GL-RENDERER llvmpipe (LLVM 15.0.6, 128 bits)
                VMSTATION-GL-FPS none
                VMSTATION-GL-DONE 143
                """);
        assertThat(r.renderer()).startsWith("llvmpipe");
        assertThat(r.framesPerSecond()).isEmpty();
        assertThat(r.rate()).isEqualTo("no frame");
    }

    @Test
    void incompleteOrMalformedReportsAreErrorsNamingTheProblem() {
        assertThatThrownBy(() -> GuestGlReport.parse("VMSTATION-READY\n")).hasMessageContaining("no 'VMSTATION-GL-WORKLOAD' line");
        assertThatThrownBy(() -> GuestGlReport.parse("VMSTATION-GL-WORKLOAD cube 5\nVMSTATION-GL-RENDERER virgl\n"))
                .hasMessageContaining("incomplete");
        assertThatThrownBy(() -> GuestGlReport.parse("VMSTATION-GL-WORKLOAD cube 5\nVMSTATION-GL-RENDERER virgl\nVMSTATION-GL-FPS fast 1\nVMSTATION-GL-DONE 0\n"))
                .hasMessageContaining("malformed frame-rate line 'VMSTATION-GL-FPS fast 1'");
    }

    @Test
    void kernelCommandLineAsksForTheGlProbeAndChecksTheLength() {
        assertThat(GlGuestImageLocator.kernelCommandLine(GlGuestImageLocator.Workload.SHADER, 30))
                .contains("vmstation.probe=gl").endsWith("vmstation.gl.seconds=30 vmstation.gl.workload=shader");
        assertThatThrownBy(() -> GlGuestImageLocator.kernelCommandLine(GlGuestImageLocator.Workload.CUBE, 0))
                .hasMessageContaining("0 s is out of range");
    }

    @Test
    void theLocatorsVersionIsTheRecipes() throws Exception {
        Path recipe = Path.of("").toAbsolutePath();
        while (recipe != null && !Files.isRegularFile(recipe.resolve("resources/src/main/resources").resolve(GlGuestImageLocator.RESOURCE))) {
            recipe = recipe.getParent();
        }
        assertThat(recipe).as("the source tree above " + Path.of("").toAbsolutePath()).isNotNull();
        String script = Files.readString(recipe.resolve("resources/src/main/resources").resolve(GlGuestImageLocator.RESOURCE));
        assertThat(script).contains("\nGL_RECIPE_VERSION=" + GlGuestImageLocator.GL_RECIPE_VERSION + "\n");
        // The markers the tests parse are the ones the guest prints.
        assertThat(script).contains("echo \"" + GlGuestImageLocator.RENDERER_MARKER, "echo \"" + GlGuestImageLocator.FPS_MARKER,
                "echo \"" + GlGuestImageLocator.DONE_MARKER, "echo \"" + GlGuestImageLocator.WORKLOAD_MARKER);
    }
}

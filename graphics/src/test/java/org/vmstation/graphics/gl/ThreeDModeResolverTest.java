package org.vmstation.graphics.gl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.DisplaySpec.Acceleration3d;
import org.vmstation.engine.model.DisplaySpec.Adapter;

class ThreeDModeResolverTest {
    private static ThreeDDecision resolve(Adapter adapter, Acceleration3d setting, GlHostFacts facts) {
        return ThreeDModeResolver.resolve(new DisplaySpec(adapter, setting), GlCapabilityDecider.decide(facts));
    }

    @Test
    void offIsOffEvenWhereTheHostCouldDoMore() {
        ThreeDDecision d = resolve(Adapter.VIRTIO_VGA, Acceleration3d.OFF, RecordedHosts.intelDesktop());
        assertThat(d.mode()).isEqualTo(ThreeDMode.OFF);
        assertThat(d.explanation()).isEqualTo("3-D is off in this VM's settings");
        assertThat(d.settingUnmet()).isFalse();
    }

    @Test
    void autoPrefersEmbeddedThenTheWindowAndSaysWhy() {
        ThreeDDecision gpu = resolve(Adapter.VIRTIO_VGA, Acceleration3d.AUTO, RecordedHosts.intelDesktop());
        assertThat(gpu.mode()).isEqualTo(ThreeDMode.EMBEDDED);
        assertThat(gpu.qemuDisplay()).isEqualTo("egl-headless,rendernode=/dev/dri/renderD128");
        assertThat(gpu.explanation()).startsWith("Auto chose embedded in the console");

        ThreeDDecision xvfb = resolve(Adapter.VIRTIO_VGA, Acceleration3d.AUTO, RecordedHosts.ciUnderXvfb());
        assertThat(xvfb.mode()).isEqualTo(ThreeDMode.SEPARATE_WINDOW);
        assertThat(xvfb.qemuDisplay()).isEqualTo("gtk,gl=on");
        assertThat(xvfb.explanation()).contains("because embedded is unavailable (no render node: this host has no GPU driver loaded)");
    }

    @Test
    void autoWithNothingAvailableIsQuietlyOffWithTheReasons() {
        ThreeDDecision d = resolve(Adapter.VIRTIO_VGA, Acceleration3d.AUTO, RecordedHosts.ciWithoutDesktop());
        assertThat(d.mode()).isEqualTo(ThreeDMode.OFF);
        assertThat(d.settingUnmet()).isFalse();
        assertThat(d.explanation()).contains("no render node: this host has no GPU driver loaded")
                .contains("no graphical display for QEMU's own GL window");
    }

    @Test
    void onWithNothingAvailableStartsFlatButMarksTheSettingUnmet() {
        ThreeDDecision d = resolve(Adapter.VIRTIO_VGA, Acceleration3d.ON, RecordedHosts.qemuWithoutVirgl());
        assertThat(d.mode()).isEqualTo(ThreeDMode.OFF);
        assertThat(d.settingUnmet()).isTrue();
        assertThat(d.explanation()).startsWith("3-D is on in this VM's settings but this host cannot provide it")
                .endsWith("QEMU 8.2.2 built without virglrenderer (it has no virtio-vga-gl device)");
    }

    @Test
    void autoLeavesAnOldGuestsAdapterAloneButOnReplacesIt() {
        ThreeDDecision auto = resolve(Adapter.STD_VGA, Acceleration3d.AUTO, RecordedHosts.intelDesktop());
        assertThat(auto.mode()).isEqualTo(ThreeDMode.OFF);
        assertThat(auto.explanation()).contains("keeps the VGA adapter");
        assertThat(resolve(Adapter.STD_VGA, Acceleration3d.ON, RecordedHosts.intelDesktop()).mode()).isEqualTo(ThreeDMode.EMBEDDED);
    }

    @Test
    void aVmWithoutDisplayNeverGetsThreeD() {
        ThreeDDecision d = resolve(Adapter.NONE, Acceleration3d.ON, RecordedHosts.intelDesktop());
        assertThat(d.mode()).isEqualTo(ThreeDMode.OFF);
        assertThat(d.settingUnmet()).isTrue();
    }
}

package org.vmstation.graphics.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vmstation.graphics.input.PointerButtons;

class DisplayGeometryTest {

    @Test
    void fitKeepsAspectAndCentres() {
        DisplayGeometry g = DisplayGeometry.compute(ScalingMode.FIT, 1000, 1000, 800, 600);
        assertThat(g.scale()).isEqualTo(1.25);
        assertThat(g.offsetX()).isZero();
        assertThat(g.offsetY()).isEqualTo(125);
        assertThat(g.isIntegerScale()).isFalse();
        assertThat(g.toGuestX(500)).isEqualTo(400);
        assertThat(g.toGuestY(125)).isZero();
        assertThat(g.toGuestY(0)).as("clamped").isZero();
        assertThat(g.toGuestX(5000)).as("clamped").isEqualTo(799);
    }

    @Test
    void fitIntegerRoundsDownAtOrAboveOne() {
        DisplayGeometry g = DisplayGeometry.compute(ScalingMode.FIT_INTEGER, 1700, 1000, 720, 400);
        assertThat(g.scale()).isEqualTo(2);
        assertThat(g.isIntegerScale()).isTrue();
        assertThat(g.offsetX()).isEqualTo(130);
        assertThat(g.toGuestX(130 + 2 * 100 + 1)).isEqualTo(100);
        DisplayGeometry small = DisplayGeometry.compute(ScalingMode.FIT_INTEGER, 360, 400, 720, 400);
        assertThat(small.scale()).isEqualTo(0.5);
    }

    @Test
    void oneToOneNeverScales() {
        DisplayGeometry g = DisplayGeometry.compute(ScalingMode.ONE_TO_ONE, 300, 200, 720, 400);
        assertThat(g.scale()).isEqualTo(1);
        assertThat(g.offsetX()).isZero();
        assertThat(g.toGuestX(299.9)).isEqualTo(299);
    }

    @Test
    void wheelDirectionsMapToButtonsFourToSeven() {
        assertThat(PointerButtons.wheelFor(0, 40)).isEqualTo(8);
        assertThat(PointerButtons.wheelFor(0, -40)).isEqualTo(16);
        assertThat(PointerButtons.wheelFor(40, 0)).isEqualTo(32);
        assertThat(PointerButtons.wheelFor(-40, 0)).isEqualTo(64);
        assertThat(PointerButtons.wheelFor(0, 0)).isZero();
        assertThat(PointerButtons.of(true, false, true)).isEqualTo(5);
    }
}

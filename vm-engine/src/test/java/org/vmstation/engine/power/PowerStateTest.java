package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PowerStateTest {
    final PowerState s = PowerState.defaults();

    @Test
    void defaultsAreALaptopAtEightyPercentOnTheCharger() {
        assertThat(s.chargePercent()).isEqualTo(80);
        assertThat(s.acOnline()).isTrue();
        assertThat(s.lidOpen()).isTrue();
        assertThat(s.status()).isEqualTo(BatteryStatus.CHARGING);
    }

    @Test
    void chargeOutsideZeroToHundredIsRefused() {
        assertThatThrownBy(() -> s.withChargePercent(140)).isInstanceOf(PowerValueException.class)
                .hasMessage("battery charge 140 % is out of range: expected 0 to 100");
        assertThatThrownBy(() -> s.withChargePercent(-1)).hasMessage("battery charge -1 % is out of range: expected 0 to 100");
        assertThat(s.withChargePercent(0).remainingCapacityMwh()).isZero();
        assertThat(s.withChargePercent(100).chargePercent()).isEqualTo(100);
        assertThat(s.withChargePercent(35).chargePercent()).isEqualTo(35);
    }

    @Test
    void negativeRateIsRefused() {
        assertThatThrownBy(() -> s.withRate(-5)).isInstanceOf(PowerValueException.class)
                .hasMessageStartingWith("battery rate -5 mW is negative");
    }

    @Test
    void remainingAboveFullAndOversizedValuesAreRefused() {
        assertThatThrownBy(() -> s.withRemaining(50_001)).hasMessage(
                "battery remaining capacity 50001 mWh is out of range: expected 0 to 50000 mWh (the full capacity)");
        assertThatThrownBy(() -> new PowerState(true, 0, 1, 0, 0, 0, 0, BatteryStatus.IDLE, BatteryTechnology.RECHARGEABLE, "", "", "",
                "", 0, true, true)).hasMessage("design capacity 0 mWh is out of range: expected 1 to 2147483647 mWh");
        assertThatThrownBy(() -> new PowerState(true, 1, 1, 0, 0, 1L << 32, 0, BatteryStatus.IDLE, BatteryTechnology.RECHARGEABLE, "",
                "", "", "", 0, true, true)).hasMessageStartingWith("battery voltage 4294967296 mV is out of range");
    }

    @Test
    void textMustBeShortPrintableAscii() {
        assertThatThrownBy(() -> new PowerState(true, 1, 1, 0, 0, 0, 0, BatteryStatus.IDLE, BatteryTechnology.RECHARGEABLE, "LION",
                "Akku\u00e9", "", "", 0, true, true)).hasMessageContaining("battery model 'Akku\u00e9' has a character that is not printable ASCII at position 5");
        assertThatThrownBy(() -> new PowerState(true, 1, 1, 0, 0, 0, 0, BatteryStatus.IDLE, BatteryTechnology.RECHARGEABLE,
                "LITHIUM-ION-POLYMER", "", "", "", 0, true, true)).hasMessageContaining("battery type 'LITHIUM-ION-POLYMER' is too long: 19 characters, expected at most 15");
    }

    @Test
    void statusAndTechnologyParseWithClearErrors() {
        assertThat(BatteryStatus.parse("Discharging")).isEqualTo(BatteryStatus.DISCHARGING);
        assertThatThrownBy(() -> BatteryStatus.parse("empty")).hasMessage("battery status 'empty' is unknown: expected charging, discharging or idle");
        assertThatThrownBy(() -> BatteryTechnology.parse("nuclear")).hasMessageContaining("expected primary or rechargeable");
    }

    @Test
    void countersMoveOnlyForTheDevicesThatChanged() {
        ChangeCounters c = ChangeCounters.ZERO;
        assertThat(c.after(s, s.withLidOpen(false))).isEqualTo(new ChangeCounters(0, 0, 0, 1, 0));
        assertThat(c.after(s, s.withAcOnline(false))).isEqualTo(new ChangeCounters(0, 0, 1, 0, 0));
        assertThat(c.after(s, s.withChargePercent(50))).isEqualTo(new ChangeCounters(1, 0, 0, 0, 0));
        assertThat(c.after(s, s.withBatteryPresent(false))).isEqualTo(new ChangeCounters(1, 1, 0, 0, 0));
        assertThat(new ChangeCounters(0xFFFF_FFFFL, 0, 0, 0, 0).after(s, s.withChargePercent(1)).battery()).isZero();
        assertThat(c.withSleepPress().sleepPresses()).isEqualTo(1);
    }
}

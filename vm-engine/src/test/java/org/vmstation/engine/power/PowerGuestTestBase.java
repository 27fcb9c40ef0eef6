package org.vmstation.engine.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.vmstation.engine.guest.GuestSerialLog;
import org.vmstation.engine.runtime.VmState;

/**
 * The guest-visible power devices against the real test guest under TCG, on one machine type. The tests share
 * one booted guest and run in order; each change is checked twice: the guest kernel's notification (input
 * event or power_supply uevent, within 1 s) and the values the guest reads (within 2 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PowerGuestTestBase {
    static final Duration NOTIFY = Duration.ofSeconds(1);
    static final Duration VISIBLE = Duration.ofSeconds(2);
    PowerGuestScenario g;

    abstract String machine();

    Exception bootFailure;

    /** The shared guest, booted by the first test that needs it; a failed boot fails every test at once. */
    PowerGuestScenario guest() throws Exception {
        if (bootFailure != null) throw new IllegalStateException("the guest did not boot", bootFailure);
        if (g == null) {
            try {
                g = PowerGuestScenario.boot(machine());
            } catch (Exception | AssertionError e) {
                bootFailure = e instanceof Exception ex ? ex : new IllegalStateException(e);
                throw e;
            }
        }
        return g;
    }

    interface Call<T> {
        T call() throws Exception;
    }

    static <T> CompletableFuture<T> inBackground(Call<T> call) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(call.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @AfterAll
    void shutDown() {
        if (g != null) g.close();
    }

    @Test
    @Order(1)
    void guestListsBatteryAndAdapterWithTheHostsValues() throws Exception {
        PowerGuestScenario s = guest();
        String boot = Files.readString(s.host.paths(s.vm).serialLog());
        assertThat(boot).contains("supply ADP0", "supply BAT0", "POWER_SUPPLY_ONLINE=1", "POWER_SUPPLY_STATUS=Charging",
                "POWER_SUPPLY_CAPACITY=80", "POWER_SUPPLY_ENERGY_FULL_DESIGN=50000000", "POWER_SUPPLY_ENERGY_NOW=40000000",
                "POWER_SUPPLY_POWER_NOW=10000000", "POWER_SUPPLY_VOLTAGE_NOW=12100000", "POWER_SUPPLY_CYCLE_COUNT=42",
                "POWER_SUPPLY_TECHNOLOGY=Li-ion", "POWER_SUPPLY_MODEL_NAME=VMStation Battery", "POWER_SUPPLY_SERIAL_NUMBER=VMS-0001",
                "POWER_SUPPLY_MANUFACTURER=VMStation", "acpi-button /proc/acpi/button/lid/LID0/state: state: open",
                "input Lid Switch", "input Sleep Button");
        assertThat(s.guestValues()).contains("capacity=80", "status=Charging", "online=1", "lid=open");
    }

    @Test
    @Order(2)
    void unplugAndDischargeReachTheGuestAsNotifications() throws Exception {
        PowerGuestScenario s = guest();
        long from = s.serial.position();
        long t0 = System.nanoTime();
        // change() returns after its second battery announcement, so it runs beside the checks, which measure from its start.
        CompletableFuture<ChangeResult> change = inBackground(() -> s.controller.change(
                p -> p.withChargePercent(35).withStatus(BatteryStatus.DISCHARGING).withAcOnline(false)));
        assertThat(s.serial.await(from, NOTIFY.minusNanos(System.nanoTime() - t0), l -> l.contains("uevent change ADP0 online=0")))
                .as("ADP0 uevent within 1 s").isNotNull();
        // The battery's first uevent may carry cached values (Linux caches a battery for 1 s); the controller
        // announces the change again once that cache expired, so the new values arrive in a uevent within 2 s.
        assertThat(s.serial.await(from, NOTIFY.minusNanos(System.nanoTime() - t0), l -> l.contains("uevent change BAT0")))
                .as("BAT0 uevent within 1 s").isNotNull();
        assertThat(s.serial.await(from, VISIBLE.minusNanos(System.nanoTime() - t0),
                l -> l.contains("uevent change BAT0") && l.contains("status=Discharging capacity=35")))
                .as("BAT0 uevent with the new values within 2 s").isNotNull();
        ChangeResult r = change.get(10, TimeUnit.SECONDS);
        assertThat(r.notified()).as(r.message()).isTrue();
        long t1 = System.nanoTime();
        assertThat(s.awaitGuestValues(VISIBLE, "capacity=35", "status=Discharging", "online=0"))
                .contains("capacity=35", "status=Discharging", "online=0");
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(VISIBLE);
    }

    @Test
    @Order(3)
    void lidCloseAndOpenArriveAsSwLid() throws Exception {
        PowerGuestScenario s = guest();
        long from = s.serial.position();
        long t0 = System.nanoTime();
        assertThat(s.controller.change(p -> p.withLidOpen(false)).notified()).isTrue();
        assertThat(s.serial.await(from, NOTIFY.minusNanos(System.nanoTime() - t0), l -> l.contains("input Lid_Switch type=5 code=0 value=1")))
                .as("SW_LID closed within 1 s").isNotNull();
        assertThat(s.awaitGuestValues(VISIBLE, "lid=closed")).contains("lid=closed");
        from = s.serial.position();
        t0 = System.nanoTime();
        assertThat(s.controller.change(p -> p.withLidOpen(true)).notified()).isTrue();
        assertThat(s.serial.await(from, NOTIFY.minusNanos(System.nanoTime() - t0), l -> l.contains("input Lid_Switch type=5 code=0 value=0")))
                .as("SW_LID open within 1 s").isNotNull();
        assertThat(s.awaitGuestValues(VISIBLE, "lid=open")).contains("lid=open");
    }

    @Test
    @Order(4)
    void sleepButtonArrivesAsKeySleep() throws Exception {
        PowerGuestScenario s = guest();
        long from = s.serial.position();
        long t0 = System.nanoTime();
        assertThat(s.controller.pressSleep().notified()).isTrue();
        assertThat(s.serial.await(from, NOTIFY.minusNanos(System.nanoTime() - t0), l -> l.contains("input Sleep_Button type=1 code=142 value=1")))
                .as("KEY_SLEEP within 1 s").isNotNull();
    }

    @Test
    @Order(5)
    void badValuesAreRefusedAndChangeNothing() throws Exception {
        PowerGuestScenario s = guest();
        assertThatThrownBy(() -> s.controller.change(p -> p.withChargePercent(140)))
                .isInstanceOf(PowerValueException.class).hasMessage("battery charge 140 % is out of range: expected 0 to 100");
        assertThatThrownBy(() -> s.controller.change(p -> p.withRate(-5)))
                .isInstanceOf(PowerValueException.class).hasMessageContaining("battery rate -5 mW is negative");
        assertThat(s.controller.current().state().chargePercent()).isEqualTo(35);
        assertThat(s.controller.guestView().state().chargePercent()).isEqualTo(35);
    }

    @Test
    @Order(6)
    void aGuestScribblingTheRegionCannotConfuseTheHost() throws Exception {
        PowerGuestScenario s = guest();
        assertThat(s.serial.ask("devmem $(awk 'NR==3 {print $1}' /sys/bus/pci/devices/0000:00:1c.0/resource) 32 0xdeadbeef; echo "
                + GuestSerialLog.MARK_IN_SHELL + "\" scribbled\"", GuestSerialLog.MARK + " scribbled")).isNotNull();
        assertThatThrownBy(() -> s.controller.guestView()).isInstanceOf(PowerRegionException.class)
                .hasMessageContaining("magic is 0xdeadbeef");
        // The host's truth lives outside the guest's reach and the next change repairs the region.
        assertThat(s.controller.current().state().chargePercent()).isEqualTo(35);
        ChangeResult r = s.controller.change(p -> p.withChargePercent(50));
        assertThat(r.notified()).isTrue();
        assertThat(s.controller.guestView().state().chargePercent()).isEqualTo(50);
        assertThat(s.awaitGuestValues(VISIBLE, "capacity=50", "online=0", "lid=open")).contains("capacity=50");
    }

    @Test
    @Order(20)
    void powerButtonShutsTheGuestDownToStopped() throws Exception {
        PowerGuestScenario s = guest();
        long from = s.serial.position();
        assertThat(s.controller.pressPowerButton().notified()).isTrue();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (s.host.status(s.vm).state() != VmState.STOPPED && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(s.host.status(s.vm).state()).isEqualTo(VmState.STOPPED);
        assertThat(Files.readString(s.host.paths(s.vm).serialLog()).substring((int) from)).contains("ACPI power button, powering off");
    }

}

package org.vmstation.usb.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.host.UsbSpeed;

class UsbRuleEngineTest {
    static UsbDevice dev(String port, int address, int vendor, int product, String serial) {
        return new UsbDevice(port, 1, address, vendor, product, null, null, null, null, serial, UsbSpeed.HIGH, 0, List.of(), List.of());
    }

    final UsbDevice stick = dev("1-2", 5, 0x0781, 0x5567, "AAA");
    final UsbRule stickRule = new UsbRule(0x0781, 0x5567, null, null);
    final UsbRuleEngine engine = new UsbRuleEngine();

    @Test
    void devicePresentAtStartAttachesAtStart() {
        assertThat(engine.devicePlugged(stick)).isEmpty(); // no VM wants it yet
        assertThat(engine.vmStarted("vm-a", List.of(stickRule)))
                .containsExactly(UsbDecision.attach("vm-a", stick, "rule matched at VM start"));
        assertThat(engine.ownerOf(stick)).contains("vm-a");
    }

    @Test
    void deviceAbsentAtStartAttachesWhenPlugged() {
        assertThat(engine.vmStarted("vm-a", List.of(stickRule))).isEmpty();
        assertThat(engine.devicePlugged(stick)).extracting(UsbDecision::action, UsbDecision::vmId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(UsbDecision.Action.ATTACH, "vm-a"));
    }

    @Test
    void replugWhileRunningDetachesThenAttachesTheNewPlugIn() {
        engine.devicePlugged(stick);
        engine.vmStarted("vm-a", List.of(stickRule));
        assertThat(engine.deviceUnplugged(stick)).containsExactly(UsbDecision.detach("vm-a", stick, "device unplugged"));
        UsbDevice again = dev("1-2", 9, 0x0781, 0x5567, "AAA"); // same socket, new address
        assertThat(engine.devicePlugged(again)).containsExactly(UsbDecision.attach("vm-a", again, "rule matched when plugged in"));
        // Unplugging twice or a device never seen is harmless.
        assertThat(engine.deviceUnplugged(stick)).isEmpty();
    }

    @Test
    void deviceClaimedByAnotherRunningVmIsNeverGivenTwice() throws Exception {
        engine.devicePlugged(stick);
        engine.vmStarted("vm-a", List.of(stickRule));
        assertThat(engine.vmStarted("vm-b", List.of(stickRule))).isEmpty();
        assertThatThrownBy(() -> engine.attach("vm-b", stick))
                .isInstanceOf(UsbConflictException.class).hasMessageContaining("in use by VM vm-a");
        // When vm-a stops, the device goes to vm-b, whose rule wants it.
        assertThat(engine.vmStopped("vm-a")).containsExactly(
                UsbDecision.detach("vm-a", stick, "VM stopped"),
                UsbDecision.attach("vm-b", stick, "released by a stopped VM"));
        assertThat(engine.ownerOf(stick)).contains("vm-b");
    }

    @Test
    void manualAttachAndDetachWithoutRules() throws Exception {
        engine.vmStarted("vm-a", List.of());
        engine.devicePlugged(stick);
        assertThat(engine.attach("vm-a", stick).action()).isEqualTo(UsbDecision.Action.ATTACH);
        assertThatThrownBy(() -> engine.attach("vm-a", stick)).hasMessageContaining("already attached");
        assertThat(engine.detach("vm-b", stick)).isEmpty();
        assertThat(engine.detach("vm-a", stick)).isPresent();
        assertThat(engine.ownerOf(stick)).isEmpty();
        assertThatThrownBy(() -> engine.attach("vm-off", stick)).hasMessageContaining("not running");
    }

    @Test
    void failedAttachFreesTheDevice() {
        engine.devicePlugged(stick);
        UsbDecision d = engine.vmStarted("vm-a", List.of(stickRule)).getFirst();
        engine.attachFailed(d);
        assertThat(engine.ownerOf(stick)).isEmpty();
    }

    @Test
    void serialAndPortNarrowTheRuleBetweenIdenticalTwins() {
        UsbDevice twin = dev("1-3", 6, 0x0781, 0x5567, "BBB");
        engine.devicePlugged(stick);
        engine.devicePlugged(twin);
        assertThat(engine.vmStarted("vm-a", List.of(new UsbRule(0x0781, 0x5567, "BBB", null))))
                .extracting(UsbDecision::device).containsExactly(twin);
        assertThat(engine.vmStarted("vm-b", List.of(new UsbRule(0x0781, 0x5567, null, "1-2"))))
                .extracting(UsbDecision::device).containsExactly(stick);
    }

    @Test
    void rulesRoundTripThroughVmSettingsAndBadEntriesNameTheKey() {
        VmDefinition vm = VmDefinition.builder("test").setting("power.x", "1").build();
        vm = UsbRules.add(vm, stickRule);
        vm = UsbRules.add(vm, new UsbRule(0x046d, 0xc52b, "S/N 1", "1-2.3"));
        vm = UsbRules.add(vm, stickRule); // no duplicates
        assertThat(vm.settings()).containsEntry("usb.rule.0", "{\"vendor\":\"0781\",\"product\":\"5567\"}")
                .containsEntry("usb.rule.1", "{\"vendor\":\"046d\",\"product\":\"c52b\",\"serial\":\"S/N 1\",\"port\":\"1-2.3\"}")
                .containsEntry("power.x", "1");
        assertThat(UsbRules.of(vm)).containsExactly(stickRule, new UsbRule(0x046d, 0xc52b, "S/N 1", "1-2.3"));
        VmDefinition reduced = UsbRules.remove(vm, stickRule);
        assertThat(UsbRules.of(reduced)).containsExactly(new UsbRule(0x046d, 0xc52b, "S/N 1", "1-2.3"));
        assertThat(reduced.settings()).containsOnlyKeys("power.x", "usb.rule.0");

        VmDefinition bad = reduced.withSetting("usb.rule.7", "{\"vendor\":\"78\",\"product\":\"5567\"}");
        assertThatThrownBy(() -> UsbRules.of(bad)).hasMessageContaining("usb.rule.7").hasMessageContaining("'vendor' must be 4 hex digits");
        assertThatThrownBy(() -> UsbRules.of(reduced.withSetting("usb.rule.2", "nope"))).hasMessageContaining("usb.rule.2 is not valid JSON");
    }
}

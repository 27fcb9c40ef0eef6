package org.vmstation.engine.power;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.qemu.DeviceProps;
import org.vmstation.engine.qemu.QemuCapabilities;
import org.vmstation.engine.qemu.QemuCommandLine;
import org.vmstation.engine.qemu.QemuOptions;
import org.vmstation.engine.runtime.BackendContext;
import org.vmstation.engine.runtime.DeviceBackend;
import org.vmstation.engine.runtime.VmControl;

/**
 * Gives a VM whose settings say {@code power.enabled=true} a battery, AC adapter, lid and sleep button:
 * the shared region ({@code ivshmem-plain} over a file in the runtime folder, at PCI slot
 * {@link PowerSsdt#PCI_SLOT}), the SSDT ({@code -acpitable}), and {@code pc-testdev} for the event line.
 * The VM's power source runs in the process that started the VM, from attach until detach, or until
 * {@link #stopSource} / {@link StartedPowerSources#stop} hands the VM over to another source.
 */
public final class PowerBackend implements DeviceBackend {
    static final String MEMORY_ID = "vms-power-mem";
    static final String SHM_DEVICE_ID = "vms-power-shm";
    static final String TESTDEV_ID = "vms-power-event";

    /** Sources made at contribute, started at attach; the started ones are also in {@link #started}. */
    private final Map<String, PowerSource> running = new ConcurrentHashMap<>();
    private final HostPowerReader hostReader;
    private final StartedPowerSources started;

    public PowerBackend() { this(HostPowerReader.system()); }

    /** @param hostReader where the {@code host} source reads the host battery (a fake tree in tests) */
    public PowerBackend(HostPowerReader hostReader) { this(hostReader, StartedPowerSources.process()); }

    /** @param started where the sources this backend starts are listed, so that the window can stop one */
    public PowerBackend(HostPowerReader hostReader, StartedPowerSources started) {
        this.hostReader = hostReader;
        this.started = started;
    }

    @Override
    public String name() { return "power"; }

    @Override
    public void contribute(VmDefinition vm, BackendContext context, QemuCommandLine cmd) {
        PowerSettings settings = PowerSettings.from(vm.settings(), context.paths().vmFolder());
        if (!settings.enabled()) return;
        QemuCapabilities caps = context.capabilities();
        if (caps != null && !caps.hasDevice("ivshmem-plain")) {
            throw new IllegalArgumentException("this QEMU has no ivshmem-plain device, which the power devices need;"
                    + " turn power.enabled off or install a QEMU built with ivshmem");
        }
        EventDelivery delivery = delivery(vm, caps);
        PowerSource source = source(settings);
        PowerFiles files = PowerFiles.of(context.paths());
        Path aml;
        try {
            aml = PowerSsdt.compile(files.ssdtDir());
            PowerController.initialize(context.paths(), source.initialState(), delivery, source.name());
        } catch (IOException e) {
            throw new UncheckedIOException("power devices: " + e.getMessage(), e);
        }
        cmd.add("-object", "memory-backend-file,id=" + MEMORY_ID + ",share=on,mem-path=" + QemuOptions.escape(files.region().toString())
                + ",size=" + RegionLayout.REGION_BYTES);
        cmd.device(DeviceProps.of("ivshmem-plain").with("id", SHM_DEVICE_ID).with("memdev", MEMORY_ID)
                .with("addr", String.format("0x%x", PowerSsdt.PCI_SLOT)));
        if (delivery.available()) cmd.device(DeviceProps.of("pc-testdev").with("id", TESTDEV_ID));
        cmd.add("-acpitable", "file=" + QemuOptions.escape(aml.toString()));
        running.put(vm.id(), source);
    }

    @Override
    public void attach(VmDefinition vm, BackendContext context, VmControl control) {
        PowerSource source = running.get(vm.id());
        if (source == null) return;
        source.start(PowerController.of(context.paths()));
        started.started(vm.id(), source);
    }

    @Override
    public void detach(VmDefinition vm, BackendContext context) {
        PowerSource source = running.remove(vm.id());
        if (source == null) return;
        started.ended(vm.id(), source);
        source.close();
    }

    /**
     * Stops the host or script source this backend started with the running VM {@code vmId} (the values stay where it
     * left them; the VM keeps its power devices). Answers whether one was running.
     */
    public boolean stopSource(String vmId) {
        PowerSource source = running.get(vmId);
        return source != null && started.stop(vmId, source);
    }

    /** How change events reach this VM's guest, or why they cannot. */
    static EventDelivery delivery(VmDefinition vm, QemuCapabilities caps) {
        String machine = vm.machineType().toLowerCase(Locale.ROOT);
        boolean pcFamily = machine.equals("q35") || machine.equals("pc") || machine.startsWith("pc-") || machine.startsWith("pc-q35")
                || machine.startsWith("pc-i440fx");
        if (!pcFamily) {
            return EventDelivery.unavailable("machine type '" + vm.machineType() + "' has no ISA interrupt line for power events"
                    + " (only q35 and pc do)");
        }
        if (caps != null && !caps.hasDevice("pc-testdev")) {
            return EventDelivery.unavailable("this QEMU has no pc-testdev device to raise the power event interrupt");
        }
        return EventDelivery.available("ACPI GED on ISA IRQ " + PowerSsdt.ISA_IRQ + " via pc-testdev");
    }

    private PowerSource source(PowerSettings settings) {
        PowerState base = PowerState.defaults();
        return switch (settings.source()) {
            case "host" -> new HostPowerSource(hostReader, Duration.ofSeconds(2), base);
            case "script" -> {
                try {
                    yield new ScenarioSource(PowerScenario.read(settings.scenario()), base);
                } catch (IOException e) {
                    throw new UncheckedIOException("power scenario: " + e.getMessage(), e);
                }
            }
            default -> new ManualSource(base);
        };
    }
}

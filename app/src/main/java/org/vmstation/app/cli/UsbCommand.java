package org.vmstation.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.LibraryException;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.model.VmDefinition;
import org.vmstation.engine.model.VmValidationException;
import org.vmstation.engine.runtime.VmHost.ControlAction;
import org.vmstation.engine.runtime.VmState;
import org.vmstation.usb.host.SysfsUsbBackend;
import org.vmstation.usb.host.UsbAccess;
import org.vmstation.usb.host.UsbAccessReport;
import org.vmstation.usb.host.UsbDevice;
import org.vmstation.usb.host.UsbHostException;
import org.vmstation.usb.qemu.UsbBus;
import org.vmstation.usb.qemu.UsbHostDeviceProps;
import org.vmstation.usb.qemu.UsbHotplug;
import org.vmstation.usb.rules.UsbRule;
import org.vmstation.usb.rules.UsbRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vmstation usb}: host USB devices and VMs. This process is not the one that started the VMs, so the
 * truth about which device is in which VM comes from asking each running VM's QEMU, not from memory.
 */
@Command(name = "usb", mixinStandardHelpOptions = true, description = "Host USB devices: list them, connect one to a running VM, disconnect it, show a VM's rules.",
        subcommands = {UsbCommand.ListDevices.class, UsbCommand.Attach.class, UsbCommand.Detach.class, UsbCommand.Rules.class})
final class UsbCommand implements Callable<Integer> {
    @ParentCommand VmstationCommand root;

    @Override
    public Integer call() {
        root.spec.commandLine().getSubcommands().get("usb").usage(root.spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    static List<UsbDevice> devices() {
        try {
            return new SysfsUsbBackend().enumerate();
        } catch (UsbHostException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage(), e);
        }
    }

    /** DEVICE as the user wrote it: a port path ({@code 1-2.3}) or {@code vendor:product} ({@code 0781:5567}). */
    static UsbDevice device(List<UsbDevice> devices, String spec) {
        List<UsbDevice> found = devices.stream().filter(d -> d.portPath().equals(spec) || d.ids().equalsIgnoreCase(spec)).toList();
        if (found.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, devices.isEmpty()
                    ? "No USB devices found on this computer, so none matches '" + spec + "'."
                    : "No USB device matches '" + spec + "': give its port (e.g. 1-2.3) or vendor:product (e.g. 0781:5567) as `vmstation usb list` shows them.");
        }
        if (found.size() > 1) {
            throw new CliException(ExitCodes.USAGE, found.size() + " devices are " + spec + " (ports "
                    + String.join(", ", found.stream().map(UsbDevice::portPath).toList()) + "): name one by its port.");
        }
        return found.getFirst();
    }

    static VmEntry runningVm(EngineContext ctx, String name) {
        VmEntry vm = Cli.find(ctx, name);
        VmState state = Cli.refresh(ctx, vm).state();
        if (state != VmState.RUNNING && state != VmState.PAUSED) {
            throw new CliException(ExitCodes.WRONG_STATE, "VM '" + vm.name() + "' is " + state.name().toLowerCase(Locale.ROOT)
                    + ": start it first, or remember the device with `vmstation usb rules " + StartCommand.quote(vm.name()) + " --add DEVICE`.");
        }
        return vm;
    }

    /** Which running VM has {@code device}, asked of each VM's QEMU; null when none. */
    static String holder(EngineContext ctx, List<VmEntry> running, UsbDevice device) {
        String id = UsbBus.hostDeviceId(device.portPath());
        for (VmEntry vm : running) {
            try {
                if (ctx.host().withControl(vm.definition(), c -> UsbHotplug.isAttached(c, id))) return vm.name();
            } catch (Exception e) {
                // a VM that stopped meanwhile holds nothing
            }
        }
        return null;
    }

    @Command(name = "list", description = "List the host's USB devices and where each one is.")
    static final class ListDevices implements Callable<Integer> {
        @ParentCommand UsbCommand usb;

        @Override
        public Integer call() {
            PrintWriter out = usb.root.spec.commandLine().getOut();
            List<UsbDevice> devices = devices();
            if (devices.isEmpty()) {
                out.println("No USB devices found on this computer.");
                out.flush();
                return ExitCodes.OK;
            }
            try (EngineContext ctx = Cli.open(usb.root.library)) {
                List<VmEntry> running = new ArrayList<>();
                for (VmEntry e : ctx.library().list()) {
                    VmState s = ctx.host().status(e.definition()).state();
                    if (s == VmState.RUNNING || s == VmState.PAUSED) running.add(e);
                }
                UsbAccess access = new UsbAccess();
                out.printf("%-10s %-9s %-36s %s%n", "PORT", "ID", "NAME", "STATE");
                for (UsbDevice d : devices) {
                    String vm = holder(ctx, running, d);
                    UsbAccessReport report = access.explain(d);
                    String state = vm != null ? "in VM '" + vm + "'" : report.accessible() ? "free" : "not accessible: " + report.reason();
                    out.printf("%-10s %-9s %-36s %s%n", d.portPath(), d.ids(), d.displayName(), state);
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** Attach and detach: the running VM and the host device they take, and the one way they change a VM. */
    abstract static class HotplugCommand implements Callable<Integer> {
        @ParentCommand UsbCommand usb;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "DEVICE", description = "Port (1-2.3) or vendor:product (0781:5567).") String spec;

        /**
         * Opens the library, finds the running VM {@code name}, lets {@code plan} check the request and say what to do
         * to the VM's QEMU, does that, and prints {@code done} with the device's and the VM's names.
         */
        int hotplug(UsbDevice device, BiFunction<EngineContext, VmEntry, ControlAction<?>> plan, String done) {
            try (EngineContext ctx = Cli.open(usb.root.library)) {
                VmEntry vm = runningVm(ctx, name);
                ControlAction<?> change = plan.apply(ctx, vm);
                try {
                    ctx.host().withControl(vm.definition(), change);
                } catch (Exception e) {
                    throw new CliException(ExitCodes.QEMU_FAILED, e.getMessage(), e);
                }
                PrintWriter out = usb.root.spec.commandLine().getOut();
                out.printf(done, device.displayName(), vm.name());
                out.flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "attach", description = "Connect a host USB device to a running VM (the host loses it meanwhile).")
    static final class Attach extends HotplugCommand {
        @Override
        public Integer call() {
            UsbDevice d = device(devices(), spec);
            return hotplug(d, (ctx, vm) -> {
                String other = holder(ctx, ctx.library().list().stream().filter(e -> !e.id().equals(vm.id())).toList(), d);
                if (other != null) throw new CliException(ExitCodes.WRONG_STATE, d.displayName() + " is in VM '" + other + "': detach it there first.");
                UsbAccessReport report = new UsbAccess().explain(d);
                return c -> {
                    new UsbHotplug().attach(c, UsbHostDeviceProps.forDevice(d), d.displayName() + " (" + d.portPath() + ")",
                            report.accessible() ? null : report.describe());
                    return null;
                };
            }, "Connected %s to VM '%s'.%n");
        }
    }

    @Command(name = "detach", description = "Give a USB device back from a running VM to this computer.")
    static final class Detach extends HotplugCommand {
        @Override
        public Integer call() {
            UsbDevice d = device(devices(), spec);
            return hotplug(d, (ctx, vm) -> c -> {
                new UsbHotplug().detach(c, UsbBus.hostDeviceId(d.portPath()), d.displayName());
                return null;
            }, "Disconnected %s from VM '%s'.%n");
        }
    }

    @Command(name = "rules", description = "Show the USB devices a VM connects at every start; --add/--remove change them.")
    static final class Rules implements Callable<Integer> {
        @ParentCommand UsbCommand usb;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--add", paramLabel = "DEVICE", description = "Remember a device: vendor:product, or the port of a plugged-in device (its serial number is kept).") String add;
        @Option(names = "--remove", paramLabel = "DEVICE", description = "Forget the rules matching vendor:product.") String remove;

        @Override
        public Integer call() {
            PrintWriter out = usb.root.spec.commandLine().getOut();
            try (EngineContext ctx = Cli.open(usb.root.library)) {
                VmEntry vm = Cli.find(ctx, name);
                VmDefinition def = vm.definition();
                List<UsbRule> rules = rulesOf(def);
                if (add != null) {
                    def = UsbRules.add(def, ruleFor(add));
                    save(ctx, def);
                } else if (remove != null) {
                    int[] ids = ids(remove);
                    List<UsbRule> kept = rules.stream().filter(r -> r.vendorId() != ids[0] || r.productId() != ids[1]).toList();
                    if (kept.size() == rules.size()) throw new CliException(ExitCodes.NOT_FOUND, "VM '" + vm.name() + "' has no USB rule for " + remove + ".");
                    def = UsbRules.with(def, kept);
                    save(ctx, def);
                }
                rules = rulesOf(def);
                if (rules.isEmpty()) {
                    out.printf("VM '%s' connects no USB devices at start.%n", vm.name());
                } else {
                    out.printf("VM '%s' connects at every start:%n", vm.name());
                    for (UsbRule r : rules) out.println("  " + r);
                }
                out.flush();
                return ExitCodes.OK;
            }
        }

        private static List<UsbRule> rulesOf(VmDefinition def) {
            try {
                return UsbRules.of(def);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.INVALID, e.getMessage(), e);
            }
        }

        private static UsbRule ruleFor(String spec) {
            if (spec.contains(":")) {
                int[] ids = ids(spec);
                return new UsbRule(ids[0], ids[1], null, null);
            }
            UsbDevice d = device(devices(), spec);
            return UsbRule.forDevice(d, d.serial() != null, false);
        }

        private static int[] ids(String spec) {
            if (!spec.matches("[0-9a-fA-F]{4}:[0-9a-fA-F]{4}")) {
                throw new CliException(ExitCodes.USAGE, "'" + spec + "' is not vendor:product; expected 4 hex digits, a colon, 4 hex digits (e.g. 0781:5567).");
            }
            return new int[] {Integer.parseInt(spec.substring(0, 4), 16), Integer.parseInt(spec.substring(5), 16)};
        }

        private static void save(EngineContext ctx, VmDefinition def) {
            try {
                ctx.library().update(def);
            } catch (LibraryException | VmValidationException e) {
                throw new CliException(ExitCodes.INVALID, e.getMessage(), e);
            }
        }
    }
}

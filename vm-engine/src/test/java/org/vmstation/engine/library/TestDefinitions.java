package org.vmstation.engine.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.vmstation.engine.model.BootDevice;
import org.vmstation.engine.model.CdromSpec;
import org.vmstation.engine.model.DiskBus;
import org.vmstation.engine.model.DiskFormat;
import org.vmstation.engine.model.DiskSpec;
import org.vmstation.engine.model.DisplaySpec;
import org.vmstation.engine.model.Firmware;
import org.vmstation.engine.model.KernelBoot;
import org.vmstation.engine.model.NetworkSpec;
import org.vmstation.engine.model.PortForward;
import org.vmstation.engine.model.VmDefinition;

/** Varied VM definitions for round-trip tests, from a seed so a failure can be replayed. */
final class TestDefinitions {
    private static final String[] ODD_TEXT = {"", " ", "plain", "Ünïcödé ✓", "emoji 🖥️💾", "quote \" and \\ backslash",
            "line\nbreak\ttab", "<xml>&amp;</xml>", "100% _wild_ %", "日本語のノート", "\u0000nul", "{\"json\": true}"};

    private final Random random;

    TestDefinitions(long seed) {
        this.random = new Random(seed);
    }

    /** Any definition the model can hold, valid or not: exercises the codec's structure, not the rules. */
    VmDefinition arbitrary() {
        VmDefinition.Builder b = VmDefinition.builder(text()).id(random.nextBoolean() ? UUID.randomUUID().toString() : text())
                .osType(pick("linux", "debian", "windows11", "other", text()))
                .firmware(pick(Firmware.values()))
                .machineType(pick("q35", "pc", "pc-i440fx-9.0", text()))
                .cpus(random.nextInt(3) == 0 ? random.nextInt() : 1 + random.nextInt(64))
                .memoryMiB(random.nextInt(3) == 0 ? random.nextLong() : 16 + random.nextInt(1 << 20))
                .serialConsole(random.nextBoolean())
                .notes(text());
        for (int i = random.nextInt(4); i > 0; i--) {
            b.addDisk(new DiskSpec(text(), pick(DiskFormat.values()), pick(DiskBus.values()), random.nextBoolean()));
        }
        for (int i = random.nextInt(3); i > 0; i--) b.addCdrom(new CdromSpec(random.nextBoolean() ? null : text(), pick(DiskBus.values())));
        List<BootDevice> boot = new ArrayList<>(List.of(BootDevice.values()));
        java.util.Collections.shuffle(boot, random);
        b.bootOrder(boot.subList(0, 1 + random.nextInt(boot.size())));
        if (random.nextBoolean()) {
            b.kernelBoot(new KernelBoot(text(), random.nextBoolean() ? null : text(), random.nextBoolean() ? null : text()));
        }
        List<PortForward> forwards = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            forwards.add(new PortForward(pick(PortForward.Protocol.values()), random.nextBoolean() ? null : text(),
                    random.nextInt(), random.nextInt(70000)));
        }
        b.network(new NetworkSpec(pick(NetworkSpec.Mode.values()), random.nextBoolean() ? null : text(),
                random.nextBoolean() ? null : text(), forwards));
        b.display(new DisplaySpec(pick(DisplaySpec.Adapter.values()), pick(DisplaySpec.Acceleration3d.values())));
        List<String> tags = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) tags.add(text());
        b.tags(tags);
        b.settings(settings());
        return b.build();
    }

    /**
     * A definition {@link org.vmstation.engine.model.VmValidator} accepts on this host, with real files for its
     * disks, ISOs and kernel created under {@code files}.
     */
    VmDefinition valid(String name, Path files) throws IOException {
        Files.createDirectories(files);
        int hostCpus = Runtime.getRuntime().availableProcessors();
        VmDefinition.Builder b = VmDefinition.builder(name)
                .osType(pick("linux", "debian", "windows11", "other", "freebsd"))
                .firmware(pick(Firmware.values()))
                .machineType(pick("q35", "pc"))
                .cpus(1 + random.nextInt(Math.min(hostCpus * 4, 255)))
                .memoryMiB(16 + random.nextInt(2048))
                .serialConsole(random.nextBoolean())
                .notes(pick(ODD_TEXT).replace("\u0000", ""));
        for (int i = random.nextInt(3); i > 0; i--) {
            b.addDisk(new DiskSpec(file(files, "disk", ".img").toString(), pick(DiskFormat.values()), pick(DiskBus.values()), random.nextBoolean()));
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            b.addCdrom(new CdromSpec(random.nextBoolean() ? null : file(files, "cd", ".iso").toString(), pick(DiskBus.values())));
        }
        List<BootDevice> boot = new ArrayList<>(List.of(BootDevice.values()));
        java.util.Collections.shuffle(boot, random);
        b.bootOrder(boot);
        if (random.nextBoolean()) {
            b.kernelBoot(new KernelBoot(file(files, "vmlinuz", "").toString(),
                    random.nextBoolean() ? null : file(files, "initrd", ".img").toString(), random.nextBoolean() ? "console=ttyS0 quiet" : ""));
        }
        List<PortForward> forwards = new ArrayList<>();
        int port = 1024 + random.nextInt(50000);
        for (int i = random.nextInt(3); i > 0; i--) {
            forwards.add(new PortForward(pick(PortForward.Protocol.values()), random.nextBoolean() ? null : "0.0.0.0", port + i, 1 + random.nextInt(65535)));
        }
        b.network(random.nextInt(4) == 0 ? NetworkSpec.none()
                : new NetworkSpec(NetworkSpec.Mode.NAT, pick("virtio-net-pci", "e1000e", "rtl8139"),
                random.nextBoolean() ? null : String.format("52:54:00:%02x:%02x:%02x", random.nextInt(256), random.nextInt(256), random.nextInt(256)), forwards));
        b.display(new DisplaySpec(pick(DisplaySpec.Adapter.values()), pick(DisplaySpec.Acceleration3d.values())));
        List<String> tags = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) tags.add(pick("dev", "Prod", "ünï", "long-running", "x_y%z", "test " + random.nextInt(100)));
        b.tags(tags);
        b.settings(settings());
        return b.build();
    }

    private LinkedHashMap<String, String> settings() {
        LinkedHashMap<String, String> s = new LinkedHashMap<>();
        // Keys deliberately out of alphabetical order, so a sorted map would be caught.
        String[] keys = {"usb.tablet", "power.acpi", "zeta", "alpha", "audio.device", "m.key", "ö.key"};
        for (int i = random.nextInt(keys.length + 1); i > 0; i--) {
            String k = pick(keys) + (random.nextBoolean() ? "" : "." + random.nextInt(10));
            s.put(k, random.nextInt(8) == 0 ? null : pick(ODD_TEXT));
        }
        return s;
    }

    private Path file(Path dir, String prefix, String suffix) throws IOException {
        return Files.createTempFile(dir, prefix, suffix);
    }

    private String text() {
        return random.nextInt(3) == 0 ? "t" + random.nextInt(1000) : pick(ODD_TEXT);
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}

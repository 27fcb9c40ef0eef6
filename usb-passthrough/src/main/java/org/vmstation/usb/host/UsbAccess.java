package org.vmstation.usb.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Explains whether QEMU (running as this user) can open a host USB device, in the terms a person can act
 * on: the node, its owner/group/mode, group membership (now, or only after the next login), and the udev
 * rule that grants access.
 */
public final class UsbAccess {
    /** The group the packaging module's udev rule gives USB devices to. */
    public static final String VMSTATION_GROUP = "vmstation";
    /** Where the packaging module installs its rule. */
    public static final String RULE_FILE = "/etc/udev/rules.d/70-vmstation-usb.rules";

    private final Path devRoot;
    private final Path groupFile;
    private final HostIdentity identity;

    public UsbAccess() {
        this(Path.of("/dev/bus/usb"), Path.of("/etc/group"), HostIdentity.current());
    }

    public UsbAccess(Path devRoot, Path groupFile, HostIdentity identity) {
        this.devRoot = Objects.requireNonNull(devRoot, "devRoot");
        this.groupFile = Objects.requireNonNull(groupFile, "groupFile");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /** The node for {@code device} under this access checker's device root. */
    public Path nodeOf(UsbDevice device) {
        return devRoot.resolve(String.format("%03d", device.bus())).resolve(String.format("%03d", device.address()));
    }

    public UsbAccessReport explain(UsbDevice device) {
        Path node = nodeOf(device);
        String rule = udevRule(device);
        String ruleFix = "install the udev rule (" + RULE_FILE + "): " + rule
                + "  then run: sudo udevadm control --reload && sudo udevadm trigger, and replug the device";
        PosixFileAttributes attrs;
        int gid;
        int uid;
        try {
            attrs = Files.readAttributes(node, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            gid = (Integer) Files.getAttribute(node, "unix:gid");
            uid = (Integer) Files.getAttribute(node, "unix:uid");
        } catch (NoSuchFileException e) {
            return new UsbAccessReport(false, node.toString(), device.displayName() + " has no device node " + node
                    + ": it was unplugged, or udev has not created the node", List.of("replug the device"), rule);
        } catch (IOException | UnsupportedOperationException e) {
            return new UsbAccessReport(false, node.toString(), "cannot read the permissions of " + node + ": " + e.getMessage(),
                    List.of(ruleFix), rule);
        }
        Set<PosixFilePermission> perms = attrs.permissions();
        String owner = attrs.owner().getName();
        String group = attrs.group().getName();
        String mode = String.format("%s (owner %s, group %s)", java.nio.file.attribute.PosixFilePermissions.toString(perms), owner, group);

        if (identity.uid() == 0) {
            return new UsbAccessReport(true, node.toString(), node + " is accessible: running as root", List.of(), rule);
        }
        if (identity.uid() == uid && perms.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
            return new UsbAccessReport(true, node.toString(), node + " is accessible: " + identity.userName() + " owns it, mode " + mode, List.of(), rule);
        }
        boolean groupRw = perms.containsAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE));
        boolean inGroupNow = identity.groupIds().contains(gid);
        if (groupRw && inGroupNow) {
            return new UsbAccessReport(true, node.toString(), node + " is accessible through group " + group + ", mode " + mode, List.of(), rule);
        }
        if (perms.containsAll(Set.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE))) {
            return new UsbAccessReport(true, node.toString(), node + " is open to every user, mode " + mode, List.of(), rule);
        }

        List<String> fixes = new ArrayList<>();
        String reason;
        if (groupRw && !"root".equals(group)) {
            if (listedInGroupFile(group)) {
                reason = identity.userName() + " cannot open " + node + " (" + mode + "): " + identity.userName()
                        + " was added to group '" + group + "', but this login session started before that";
                fixes.add("log out and log in again (or run: newgrp " + group + ") so the group membership takes effect");
            } else {
                reason = identity.userName() + " cannot open " + node + " (" + mode + "): only group '" + group
                        + "' may read and write it and " + identity.userName() + " is not a member";
                fixes.add("add yourself to the group: sudo usermod -aG " + group + " " + identity.userName()
                        + "  (then log out and in)");
            }
        } else {
            reason = identity.userName() + " cannot open " + node + " (" + mode + "): only " + owner
                    + " may read and write it; no udev rule grants access to " + device.ids();
        }
        fixes.add(ruleFix);
        if (!VMSTATION_GROUP.equals(group)) {
            fixes.add("make sure you are in group '" + VMSTATION_GROUP + "': sudo usermod -aG " + VMSTATION_GROUP + " " + identity.userName());
        }
        return new UsbAccessReport(false, node.toString(), reason, fixes, rule);
    }

    /** The rule line granting {@link #VMSTATION_GROUP} read/write access to this vendor/product. */
    public static String udevRule(UsbDevice device) {
        return String.format("SUBSYSTEM==\"usb\", ATTR{idVendor}==\"%04x\", ATTR{idProduct}==\"%04x\", MODE=\"0660\", GROUP=\"%s\", TAG+=\"uaccess\"",
                device.vendorId(), device.productId(), VMSTATION_GROUP);
    }

    /** Whether /etc/group lists this user as a member of {@code group} (the membership of the next login). */
    private boolean listedInGroupFile(String group) {
        try {
            for (String line : Files.readAllLines(groupFile)) {
                String[] f = line.split(":", -1);
                if (f.length >= 4 && f[0].equals(group)) {
                    for (String member : f[3].split(",")) {
                        if (member.strip().equals(identity.userName())) return true;
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}

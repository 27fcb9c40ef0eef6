package org.vmstation.usb.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsbAccessTest {
    @TempDir Path tmp;
    Path devRoot;
    Path node;
    Path groupFile;
    int nodeGid;
    String nodeGroup;
    final UsbDevice device = new UsbDevice("1-2", 1, 4, 0x0781, 0x5567, null, "Cruzer", null, null, null,
            UsbSpeed.HIGH, 0, List.of(8), List.of());

    @BeforeEach
    void node() throws Exception {
        devRoot = tmp.resolve("dev/bus/usb");
        node = Files.createDirectories(devRoot.resolve("001")).resolve("004");
        Files.writeString(node, "");
        if ((Integer) Files.getAttribute(node, "unix:gid") == 0) {
            // Running as root: give the node an ordinary group, as udev would (root's group is never advised).
            var users = node.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("users");
            Files.getFileAttributeView(node, java.nio.file.attribute.PosixFileAttributeView.class).setGroup(users);
        }
        nodeGid = (Integer) Files.getAttribute(node, "unix:gid");
        nodeGroup = Files.readAttributes(node, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
        groupFile = tmp.resolve("group");
        Files.writeString(groupFile, nodeGroup + ":x:" + nodeGid + ":\n");
    }

    private UsbAccess access(int uid, Set<Integer> gids) {
        return new UsbAccess(devRoot, groupFile, new HostIdentity("alice", uid, gids));
    }

    @Test
    void ownerOnlyNodeExplainsTheUdevRule() throws Exception {
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-r--r--"));
        UsbAccessReport r = access(4242, Set.of(4242)).explain(device);
        assertThat(r.accessible()).isFalse();
        assertThat(r.devNode()).endsWith("001/004");
        assertThat(r.reason()).contains("alice cannot open").contains("rw-r--r--").contains("0781:5567");
        assertThat(r.udevRule()).isEqualTo("SUBSYSTEM==\"usb\", ATTR{idVendor}==\"0781\", ATTR{idProduct}==\"5567\", "
                + "MODE=\"0660\", GROUP=\"vmstation\", TAG+=\"uaccess\"");
        assertThat(r.fixes()).anyMatch(f -> f.contains(UsbAccess.RULE_FILE) && f.contains("udevadm"));
    }

    @Test
    void groupNodeWithoutMembershipSaysWhichGroupToJoin() throws Exception {
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-rw----"));
        UsbAccessReport r = access(4242, Set.of(4242)).explain(device);
        assertThat(r.accessible()).isFalse();
        assertThat(r.reason()).contains("only group '" + nodeGroup + "'").contains("not a member");
        assertThat(r.fixes().getFirst()).contains("usermod -aG " + nodeGroup + " alice");
    }

    @Test
    void membershipAddedAfterLoginSaysToLogInAgain() throws Exception {
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-rw----"));
        Files.writeString(groupFile, nodeGroup + ":x:" + nodeGid + ":bob,alice\n");
        UsbAccessReport r = access(4242, Set.of(4242)).explain(device);
        assertThat(r.accessible()).isFalse();
        assertThat(r.reason()).contains("login session started before");
        assertThat(r.fixes().getFirst()).contains("log out and log in again");
        assertThat(r.describe()).contains("\n  - log out");
    }

    @Test
    void groupMemberNowIsAccessible() throws Exception {
        Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("rw-rw----"));
        UsbAccessReport r = access(4242, Set.of(4242, nodeGid)).explain(device);
        assertThat(r.accessible()).isTrue();
        assertThat(r.reason()).contains("through group " + nodeGroup);
        assertThat(r.fixes()).isEmpty();
    }

    @Test
    void missingNodeSaysUnplugged() throws Exception {
        Files.delete(node);
        UsbAccessReport r = access(4242, Set.of()).explain(device);
        assertThat(r.accessible()).isFalse();
        assertThat(r.reason()).contains("has no device node").contains("unplugged");
    }
}

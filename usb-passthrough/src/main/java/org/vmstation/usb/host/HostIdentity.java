package org.vmstation.usb.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who this process runs as, for permission decisions: the uid and the group ids the kernel checks (which
 * are fixed at login, so a group added later does not count until the next login).
 */
public record HostIdentity(String userName, int uid, Set<Integer> groupIds) {
    public HostIdentity {
        groupIds = Set.copyOf(groupIds);
    }

    /** This process, from {@code /proc/self/status} ({@code Uid:} and {@code Groups:} lines). */
    public static HostIdentity current() {
        String user = System.getProperty("user.name", "?");
        try {
            int uid = -1;
            Set<Integer> gids = new TreeSet<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) uid = Integer.parseInt(line.substring(4).strip().split("\\s+")[1]);
                if (line.startsWith("Gid:")) gids.add(Integer.parseInt(line.substring(4).strip().split("\\s+")[1]));
                if (line.startsWith("Groups:")) {
                    for (String g : line.substring(7).strip().split("\\s+")) {
                        if (!g.isEmpty()) gids.add(Integer.parseInt(g));
                    }
                }
            }
            return new HostIdentity(user, uid, gids);
        } catch (IOException | RuntimeException e) {
            // Not Linux or /proc unreadable: unknown identity, every check answers "cannot tell".
            return new HostIdentity(user, -1, Set.of());
        }
    }
}

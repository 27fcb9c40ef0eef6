package org.vmstation.engine.power.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, private {@code dbus-daemon} for one test: its own socket in a temporary folder, a policy that lets
 * the test own any name (so it can stand in for UPower and logind). Needs the {@code dbus-daemon} package.
 */
public final class PrivateBus implements AutoCloseable {
    private final Process daemon;
    private final String address;

    private PrivateBus(Process daemon, String address) {
        this.daemon = daemon;
        this.address = address;
    }

    public static PrivateBus start(Path dir) throws IOException {
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir.resolve("bus.sock")));
        Process p = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1")
                // as root it complains it cannot raise its fd limit: harmless, so kept out of the test output
                .redirectError(dir.resolve("bus.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        if (address == null || !address.startsWith("unix:")) {
            p.destroyForcibly();
            throw new IOException("dbus-daemon did not print its address (got " + address + "); it said: " + Files.readString(dir.resolve("bus.log")));
        }
        return new PrivateBus(p, address.strip());
    }

    public String address() { return address; }

    @Override
    public void close() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) daemon.destroyForcibly();
    }
}

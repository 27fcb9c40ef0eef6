package org.vmstation.app.gui.power;

import java.nio.file.Path;

/**
 * What {@link PowerSourceRunner} knows about one VM's power source, for the power panel.
 *
 * @param choice   the source chosen (from the VM's settings at adoption, or picked in the panel since)
 * @param running  whether a host or script source is feeding the VM now (here or in another process)
 * @param text     one sentence for the user: what runs where, or why nothing runs
 * @param step     the scenario's last replayed step ({@code t=12.003s charge 77 %: guest notified ...}), or empty
 * @param scenario the scenario file chosen for the script source, or null
 * @param playing  whether this process replays {@code scenario} right now
 */
public record SourceStatus(SourceChoice choice, boolean running, String text, String step, Path scenario, boolean playing) {
    public static SourceStatus idle(String text) {
        return new SourceStatus(SourceChoice.MANUAL, false, text, "", null, false);
    }
}

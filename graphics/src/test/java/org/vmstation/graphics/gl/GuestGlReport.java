package org.vmstation.graphics.gl;

import java.util.List;
import java.util.OptionalDouble;
import org.vmstation.engine.guest.GlGuestImageLocator;

/**
 * What the GL guest printed about its OpenGL run on the serial console (see build-guest-gl.sh): the workload,
 * the renderer Mesa chose, and kmscube's frame rate over the run. Serial output is the guest's: lines are
 * length-bounded and a malformed frame-rate line is an error naming the line.
 *
 * @param renderer        GL_RENDERER, e.g. {@code virgl (LLVMPIPE (LLVM 15.0.6, 256 bits))} or {@code llvmpipe (...)}
 * @param framesPerSecond empty when kmscube reported no frame within the run
 * @param frames          frames counted, 0 when none
 * @param seconds         the time those frames took, 0 when none
 */
record GuestGlReport(String workload, String renderer, OptionalDouble framesPerSecond, long frames, double seconds) {
    private static final int MAX_LINE = 4096;

    /** The last complete GL report in {@code serial}. */
    static GuestGlReport parse(String serial) {
        List<String> lines = serial.lines().map(l -> l.replace("\r", "")).toList();
        int start = -1;
        for (int i = lines.size() - 1; i >= 0 && start < 0; i--) {
            if (lines.get(i).startsWith(GlGuestImageLocator.WORKLOAD_MARKER)) start = i;
        }
        if (start < 0) throw new IllegalArgumentException("the guest printed no '" + GlGuestImageLocator.WORKLOAD_MARKER.strip() + "' line");
        String workload = null, renderer = null, fps = null;
        boolean done = false;
        for (String line : lines.subList(start, lines.size())) {
            if (line.length() > MAX_LINE) continue;
            if (line.startsWith(GlGuestImageLocator.WORKLOAD_MARKER)) workload = rest(line, GlGuestImageLocator.WORKLOAD_MARKER).split(" ")[0];
            else if (line.startsWith(GlGuestImageLocator.RENDERER_MARKER)) renderer = rest(line, GlGuestImageLocator.RENDERER_MARKER);
            else if (line.startsWith(GlGuestImageLocator.FPS_MARKER)) fps = rest(line, GlGuestImageLocator.FPS_MARKER);
            else if (line.startsWith(GlGuestImageLocator.DONE_MARKER)) done = true;
        }
        if (renderer == null || fps == null || !done) {
            throw new IllegalArgumentException("the guest's GL report is incomplete (renderer " + renderer + ", fps " + fps + ", done " + done + ")");
        }
        if (fps.equals("none")) return new GuestGlReport(workload, renderer, OptionalDouble.empty(), 0, 0);
        String[] f = fps.split(" ");
        try {
            if (f.length != 3) throw new NumberFormatException("expected 3 fields");
            double perSecond = Double.parseDouble(f[0]);
            long frames = Long.parseLong(f[1]);
            double seconds = Double.parseDouble(f[2]);
            if (!(perSecond >= 0) || frames < 0 || !(seconds >= 0)) throw new NumberFormatException("negative or not a number");
            return new GuestGlReport(workload, renderer, OptionalDouble.of(perSecond), frames, seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed frame-rate line '" + GlGuestImageLocator.FPS_MARKER + fps
                    + "' from the guest; expected 'FPS FRAMES SECONDS' or 'none' (" + e.getMessage() + ")", e);
        }
    }

    private static String rest(String line, String marker) { return line.substring(marker.length()).strip(); }

    /** For a test log: {@code 129.8 fps (1574 frames in 12.1 s)} or {@code no frame}. */
    String rate() {
        return framesPerSecond.isEmpty() ? "no frame" : String.format(java.util.Locale.ROOT, "%.1f fps (%d frames in %.1f s)",
                framesPerSecond.getAsDouble(), frames, seconds);
    }
}

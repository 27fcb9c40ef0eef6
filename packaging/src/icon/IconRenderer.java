import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the VMStation application icon: a monitor whose screen shows a "play" triangle.
 *
 * <p>Run as a single-file program at build time ({@code java IconRenderer.java OUT_DIR}). It writes the
 * scalable SVG and a PNG for every size of the freedesktop hicolor theme from one set of shapes, so the
 * bitmaps never drift from the vector. Geometry is on a 512-unit canvas.
 */
public final class IconRenderer {
    /** The sizes the hicolor icon theme has folders for (index.theme of hicolor-icon-theme). */
    static final int[] SIZES = {16, 22, 24, 32, 48, 64, 128, 256, 512};

    static final Color BODY_TOP = new Color(0x2D6CB5);
    static final Color BODY_BOTTOM = new Color(0x173C6E);
    static final Color SCREEN = new Color(0x0E1A2B);
    static final Color SCREEN_EDGE = new Color(0x5FB3F0);
    static final Color PLAY = new Color(0x7CE0A0);
    static final Color STAND = new Color(0xC9D3DF);

    // Canvas units (512 x 512).
    static final double BODY_X = 32, BODY_Y = 56, BODY_W = 448, BODY_H = 320, BODY_R = 48;
    static final double SCREEN_X = 72, SCREEN_Y = 96, SCREEN_W = 368, SCREEN_H = 240, SCREEN_R = 20;
    static final double[][] PLAY_PTS = {{212, 146}, {212, 286}, {328, 216}};
    static final double NECK_X = 224, NECK_Y = 376, NECK_W = 64, NECK_H = 56;
    static final double FOOT_X = 144, FOOT_Y = 428, FOOT_W = 224, FOOT_H = 36, FOOT_R = 18;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java IconRenderer.java OUT_DIR  (writes vmstation.svg and vmstation-<size>.png)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Files.writeString(out.resolve("vmstation.svg"), svg());
        for (int size : SIZES) {
            ImageIO.write(render(size), "png", out.resolve("vmstation-" + size + ".png").toFile());
        }
    }

    static BufferedImage render(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 512.0, size / 512.0);

        g.setColor(STAND);
        g.fill(new java.awt.geom.Rectangle2D.Double(NECK_X, NECK_Y, NECK_W, NECK_H));
        g.fill(new RoundRectangle2D.Double(FOOT_X, FOOT_Y, FOOT_W, FOOT_H, FOOT_R * 2, FOOT_R * 2));

        g.setPaint(new GradientPaint(0, (float) BODY_Y, BODY_TOP, 0, (float) (BODY_Y + BODY_H), BODY_BOTTOM));
        g.fill(new RoundRectangle2D.Double(BODY_X, BODY_Y, BODY_W, BODY_H, BODY_R * 2, BODY_R * 2));

        g.setColor(SCREEN);
        RoundRectangle2D screen = new RoundRectangle2D.Double(SCREEN_X, SCREEN_Y, SCREEN_W, SCREEN_H, SCREEN_R * 2, SCREEN_R * 2);
        g.fill(screen);
        // Below 32 px a hairline edge only blurs the screen; leave it out.
        if (size >= 32) {
            g.setColor(SCREEN_EDGE);
            g.setStroke(new BasicStroke(8f));
            g.draw(screen);
        }

        Path2D play = new Path2D.Double();
        play.moveTo(PLAY_PTS[0][0], PLAY_PTS[0][1]);
        play.lineTo(PLAY_PTS[1][0], PLAY_PTS[1][1]);
        play.lineTo(PLAY_PTS[2][0], PLAY_PTS[2][1]);
        play.closePath();
        g.setColor(PLAY);
        g.fill(play);
        g.dispose();
        return img;
    }

    static String svg() {
        return String.format(Locale.ROOT, """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
                  <title>VMStation</title>
                  <defs>
                    <linearGradient id="body" gradientUnits="userSpaceOnUse" x1="0" y1="%s" x2="0" y2="%s">
                      <stop offset="0" style="stop-color:%s"/>
                      <stop offset="1" style="stop-color:%s"/>
                    </linearGradient>
                  </defs>
                  <rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>
                  <rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s"/>
                  <rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="url(#body) %s"/>
                  <rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s" stroke="%s" stroke-width="8"/>
                  <polygon points="%s,%s %s,%s %s,%s" fill="%s"/>
                </svg>
                """,
                n(BODY_Y), n(BODY_Y + BODY_H), hex(BODY_TOP), hex(BODY_BOTTOM),
                n(NECK_X), n(NECK_Y), n(NECK_W), n(NECK_H), hex(STAND),
                n(FOOT_X), n(FOOT_Y), n(FOOT_W), n(FOOT_H), n(FOOT_R), hex(STAND),
                n(BODY_X), n(BODY_Y), n(BODY_W), n(BODY_H), n(BODY_R), hex(BODY_TOP),
                n(SCREEN_X), n(SCREEN_Y), n(SCREEN_W), n(SCREEN_H), n(SCREEN_R), hex(SCREEN), hex(SCREEN_EDGE),
                n(PLAY_PTS[0][0]), n(PLAY_PTS[0][1]), n(PLAY_PTS[1][0]), n(PLAY_PTS[1][1]), n(PLAY_PTS[2][0]), n(PLAY_PTS[2][1]),
                hex(PLAY));
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String n(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

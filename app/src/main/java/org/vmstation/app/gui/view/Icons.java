package org.vmstation.app.gui.view;

import javafx.scene.Node;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's icons: Material Design Icons (Pictogrammers, Apache 2.0) through the Ikonli icon-font library.
 * Each constant is an Ikonli icon code; {@link #icon} makes the node. Size and colour come from CSS
 * ({@code .icon} with {@code -fx-icon-size} and {@code -fx-icon-color}, and the modifiers large, huge, accent,
 * success, danger, warning), so they follow the theme.
 */
public final class Icons {
    public static final String NEW = "mdi2p-plus";
    public static final String START = "mdi2p-play";
    public static final String IMPORT = "mdi2t-tray-arrow-down";
    public static final String PAUSE = "mdi2p-pause";
    public static final String RESUME = "mdi2p-play-pause";
    public static final String SHUT_DOWN = "mdi2p-power";
    public static final String POWER_OFF = "mdi2s-stop";
    public static final String RESET = "mdi2r-restart";
    public static final String SETTINGS = "mdi2c-cog";
    public static final String DELETE = "mdi2d-delete";
    public static final String SEARCH = "mdi2m-magnify";
    public static final String DETACH = "mdi2o-open-in-new";
    public static final String FULL_SCREEN = "mdi2f-fullscreen";
    public static final String CLOSE = "mdi2c-close";
    public static final String TAG = "mdi2t-tag";
    public static final String MONITOR = "mdi2m-monitor";
    public static final String ERROR = "mdi2a-alert-circle";
    public static final String WARNING = "mdi2a-alert";
    public static final String INFO = "mdi2i-information";
    public static final String USB = "mdi2u-usb";
    // operating-system families
    public static final String OS_LINUX = "mdi2l-linux";
    public static final String OS_WINDOWS = "mdi2m-microsoft-windows";
    public static final String OS_BSD = "mdi2f-freebsd";
    public static final String OS_OTHER = "mdi2d-desktop-classic";

    private Icons() {}

    /** An icon code of the Material Design pack: "mdi2" + the name's first letter, then the name ("mdi2p-plus"). */
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("mdi2[a-z]-[a-z0-9-]+");

    /**
     * An icon node with the {@code icon} style class (and any extra classes). {@code code} is one of the constants
     * above (an Ikonli code); a code the pack does not have is a programming error and throws.
     */
    public static Node icon(String code, String... styleClasses) {
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a Material Design icon code: '" + code + "' (expected e.g. mdi2p-plus; see Icons)");
        }
        if (!warm) warmUp();
        FontIcon icon = new FontIcon(code);
        icon.getStyleClass().add("icon");
        icon.getStyleClass().addAll(styleClasses);
        icon.setMouseTransparent(true);
        return icon;
    }

    /**
     * Resolves the icon pack and loads its font, on any thread once the JavaFX toolkit is up (the first icon costs
     * about 0.1 s of class loading and font reading): a launcher calls this while the JavaFX thread builds the
     * window. Idempotent; {@link #icon} waits for a warm-up under way instead of doing the same work beside it.
     */
    public static void warmUp() {
        synchronized (Icons.class) {
            if (warm) return;
            new FontIcon(NEW);
            warm = true;
        }
    }

    private static volatile boolean warm;

    public static String forOsFamily(String family) {
        return switch (family == null ? "" : family) {
            case "linux" -> OS_LINUX;
            case "windows" -> OS_WINDOWS;
            case "bsd" -> OS_BSD;
            default -> OS_OTHER;
        };
    }
}

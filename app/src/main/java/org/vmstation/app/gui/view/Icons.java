package org.vmstation.app.gui.view;

import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.shape.SVGPath;

/**
 * The window's icons as SVG path data on a 24×24 grid, drawn for VMStation. They are sized and coloured by CSS
 * ({@code .icon} and its modifiers) so they follow the theme.
 */
public final class Icons {
    public static final String NEW = "M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z";
    public static final String START = "M8 5.5v13l10.5-6.5z";
    public static final String IMPORT = "M11 4h2v8.2l3.3-3.3 1.4 1.4L12 16l-5.7-5.7 1.4-1.4 3.3 3.3zM5 18h14v2H5z";
    public static final String PAUSE = "M7 5h3.5v14H7zM13.5 5H17v14h-3.5z";
    public static final String RESUME = "M5 5h3v14H5zM10 5.5v13l9.5-6.5z";
    public static final String SHUT_DOWN = "M11 3h2v9h-2zM7.05 5.64l1.41 1.41A6 6 0 1 0 15.54 7.05l1.41-1.41A8 8 0 1 1 7.05 5.64z";
    public static final String POWER_OFF = "M6 6h12v12H6z";
    public static final String RESET = "M12 4a8 8 0 0 1 7.75 6h-2.1A6 6 0 1 0 16.24 16.24l1.42 1.42A8 8 0 1 1 12 4zM20 4v6h-6z";
    public static final String SETTINGS = "M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7 7 0 0 0-1.7-1L15 3h-4l-.4 2.9a7 7 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7 7 0 0 0 1.7 1L11 21h4l.4-2.9a7 7 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5A3.5 3.5 0 1 1 13 8.5a3.5 3.5 0 0 1 0 7z";
    public static final String DELETE = "M9 3h6l1 2h4v2H4V5h4zM6 8h12l-1 13H7z";
    public static final String SEARCH = "M10 4a6 6 0 0 1 4.9 9.5l5 5-1.4 1.4-5-5A6 6 0 1 1 10 4zm0 2a4 4 0 1 0 0 8 4 4 0 0 0 0-8z";
    public static final String DETACH = "M14 3h7v7h-2V6.4l-7.3 7.3-1.4-1.4L17.6 5H14zM5 5h6v2H5v12h12v-6h2v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z";
    public static final String FULL_SCREEN = "M3 3h7v2H5v5H3zM14 3h7v7h-2V5h-5zM3 14h2v5h5v2H3zM19 14h2v7h-7v-2h5z";
    public static final String CLOSE = "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z";
    public static final String TAG = "M3 3h8l10 10-8 8L3 11zm4.5 2.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4z";
    public static final String MONITOR = "M3 4h18a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1h-7v2h3v2H7v-2h3v-2H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zm1 2v9h16V6z";
    public static final String ERROR = "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1 5v7h2V7zm0 9v2h2v-2z";
    public static final String INFO = "M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1 8v8h2v-8zm0-4v2h2V6z";
    // operating-system families
    public static final String OS_LINUX = "M12 2c2.2 0 3.5 1.8 3.5 4.2 0 1.5.6 2.6 1.6 3.8 1.3 1.6 2.4 3.6 2.4 6 0 .9-.3 1.5-.9 1.9.6.6.9 1.3.4 2-.7 1-2.6.7-4.2.3-.9.4-1.8.5-2.8.5s-1.9-.1-2.8-.5c-1.6.4-3.5.7-4.2-.3-.5-.7-.2-1.4.4-2-.6-.4-.9-1-.9-1.9 0-2.4 1.1-4.4 2.4-6 1-1.2 1.6-2.3 1.6-3.8C8.5 3.8 9.8 2 12 2zm-1.5 4a.8.8 0 1 0 0 1.6.8.8 0 0 0 0-1.6zm3 0a.8.8 0 1 0 0 1.6.8.8 0 0 0 0-1.6zM12 11c-2 0-3.5 2.2-3.5 5s1.5 4 3.5 4 3.5-1.2 3.5-4-1.5-5-3.5-5z";
    public static final String OS_WINDOWS = "M3 5.5 10.5 4.4v7.1H3zM11.5 4.3 21 3v8.5h-9.5zM3 12.5h7.5v7.1L3 18.5zM11.5 12.5H21V21l-9.5-1.3z";
    public static final String OS_BSD = "M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18zm-3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm6 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm-6.5 6c1 1.5 2.2 2.2 3.5 2.2s2.5-.7 3.5-2.2zM4 3l4 3-1.5 1.5zM20 3l-4 3 1.5 1.5z";
    public static final String OS_OTHER = "M4 4h16v11H4zM2 17h20v3H2z";

    private Icons() {}

    /** An icon node with the {@code icon} style class (and any extra classes). */
    public static Node icon(String path, String... styleClasses) {
        SVGPath svg = new SVGPath();
        svg.setContent(path);
        svg.getStyleClass().add("icon-shape");
        Region box = new Region();
        box.setShape(svg);
        box.getStyleClass().add("icon");
        box.getStyleClass().addAll(styleClasses);
        box.setMouseTransparent(true);
        return box;
    }

    public static String forOsFamily(String family) {
        return switch (family == null ? "" : family) {
            case "linux" -> OS_LINUX;
            case "windows" -> OS_WINDOWS;
            case "bsd" -> OS_BSD;
            default -> OS_OTHER;
        };
    }
}

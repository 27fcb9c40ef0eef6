package org.vmstation.graphics.view;

/**
 * Where the guest image sits in the view: scale and top-left offset, and the mapping of view coordinates back
 * to guest pixels. Pure arithmetic so it can be tested without a toolkit.
 */
public record DisplayGeometry(double scale, double offsetX, double offsetY, int guestWidth, int guestHeight) {

    public static DisplayGeometry compute(ScalingMode mode, double viewWidth, double viewHeight,
                                          int guestWidth, int guestHeight) {
        if (guestWidth <= 0 || guestHeight <= 0 || viewWidth <= 0 || viewHeight <= 0) {
            return new DisplayGeometry(1, 0, 0, guestWidth, guestHeight);
        }
        double fit = Math.min(viewWidth / guestWidth, viewHeight / guestHeight);
        double scale = switch (mode) {
            case FIT -> fit;
            case FIT_INTEGER -> fit >= 1 ? Math.floor(fit) : fit;
            case ONE_TO_ONE -> 1;
        };
        double offsetX = Math.max(0, Math.floor((viewWidth - guestWidth * scale) / 2));
        double offsetY = Math.max(0, Math.floor((viewHeight - guestHeight * scale) / 2));
        return new DisplayGeometry(scale, offsetX, offsetY, guestWidth, guestHeight);
    }

    public double displayedWidth() {
        return guestWidth * scale;
    }

    public double displayedHeight() {
        return guestHeight * scale;
    }

    /** True when every guest pixel covers a whole number of view pixels, so smoothing should be off. */
    public boolean isIntegerScale() {
        return scale == Math.rint(scale);
    }

    /** Guest x for a view x, clamped to the screen. */
    public int toGuestX(double viewX) {
        return (int) Math.clamp(Math.floor((viewX - offsetX) / scale), 0, Math.max(0, guestWidth - 1));
    }

    public int toGuestY(double viewY) {
        return (int) Math.clamp(Math.floor((viewY - offsetY) / scale), 0, Math.max(0, guestHeight - 1));
    }
}

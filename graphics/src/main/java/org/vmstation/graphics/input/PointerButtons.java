package org.vmstation.graphics.input;

/** RFB pointer button mask bits. */
public final class PointerButtons {

    private PointerButtons() {
    }

    public static final int LEFT = 1;
    public static final int MIDDLE = 1 << 1;
    public static final int RIGHT = 1 << 2;
    public static final int WHEEL_UP = 1 << 3;
    public static final int WHEEL_DOWN = 1 << 4;
    public static final int WHEEL_LEFT = 1 << 5;
    public static final int WHEEL_RIGHT = 1 << 6;

    public static int of(boolean left, boolean middle, boolean right) {
        return (left ? LEFT : 0) | (middle ? MIDDLE : 0) | (right ? RIGHT : 0);
    }

    /** The wheel button for a scroll delta (positive = away from the user / up, as JavaFX reports). */
    public static int wheelFor(double deltaX, double deltaY) {
        if (Math.abs(deltaY) >= Math.abs(deltaX)) return deltaY > 0 ? WHEEL_UP : deltaY < 0 ? WHEEL_DOWN : 0;
        return deltaX > 0 ? WHEEL_LEFT : WHEEL_RIGHT;
    }
}

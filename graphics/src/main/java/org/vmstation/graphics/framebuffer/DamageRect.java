package org.vmstation.graphics.framebuffer;

/** An axis-aligned rectangle of framebuffer pixels, used for dirty regions and update rectangles. */
public record DamageRect(int x, int y, int width, int height) {

    public DamageRect {
        if (x < 0 || y < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("negative rectangle " + x + "," + y + " " + width + "x" + height);
        }
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** Smallest rectangle containing both; an empty operand is ignored. */
    public DamageRect union(DamageRect other) {
        if (other == null || other.isEmpty()) return this;
        if (isEmpty()) return other;
        int x0 = Math.min(x, other.x);
        int y0 = Math.min(y, other.y);
        int x1 = Math.max(x + width, other.x + other.width);
        int y1 = Math.max(y + height, other.y + other.height);
        return new DamageRect(x0, y0, x1 - x0, y1 - y0);
    }

    /** This rectangle clipped to a w x h area starting at the origin. */
    public DamageRect clip(int w, int h) {
        int x0 = Math.min(x, w);
        int y0 = Math.min(y, h);
        int x1 = Math.min(x + width, w);
        int y1 = Math.min(y + height, h);
        return new DamageRect(x0, y0, x1 - x0, y1 - y0);
    }

    @Override
    public String toString() {
        return x + "," + y + " " + width + "x" + height;
    }
}

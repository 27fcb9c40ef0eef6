package org.vmstation.graphics.view;

/** How the guest screen is sized inside the view. */
public enum ScalingMode {
    /** As large as fits with aspect ratio kept; smoothing only when the scale is not a whole number. */
    FIT,
    /** Like FIT but rounded down to a whole-number scale when at least 1x, so every guest pixel stays crisp. */
    FIT_INTEGER,
    /** One guest pixel per view pixel; the view's preferred size is the guest size (wrap it in a ScrollPane). */
    ONE_TO_ONE
}

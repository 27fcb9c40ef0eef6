package org.vmstation.engine.guest;

/** The demo guest could not be located or built; the message names the failed step and the fix. */
public final class GuestImageException extends RuntimeException {
    private final String step;

    public GuestImageException(String step, String message) {
        super(message);
        this.step = step;
    }

    public GuestImageException(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    /** The recipe step that failed, e.g. {@code download} or {@code locate recipe}. */
    public String step() {
        return step;
    }
}

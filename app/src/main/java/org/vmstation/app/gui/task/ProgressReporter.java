package org.vmstation.app.gui.task;

/** Given to running work so it can report how far it is and notice a cancel request. */
public interface ProgressReporter {
    /** @param done work done so far, in any unit; @param total the same unit's total (0 or less when unknown) */
    void update(double done, double total, String message);

    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} when the user cancelled, so work can stop early. */
    default void checkCancelled() {
        if (isCancelled()) throw new java.util.concurrent.CancellationException("cancelled by the user");
    }

    ProgressReporter NONE = new ProgressReporter() {
        @Override public void update(double done, double total, String message) {}
        @Override public boolean isCancelled() { return false; }
    };
}

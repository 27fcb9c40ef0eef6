package org.vmstation.app.gui.notify;

/**
 * A message for the user: what happened and what to do about it.
 *
 * @param advice a sentence on what to try next; may be empty
 */
public record Notification(Kind kind, String title, String message, String advice) {
    public enum Kind { INFO, WARNING, ERROR }

    public Notification {
        advice = advice == null ? "" : advice;
        message = message == null ? "" : message;
    }
}

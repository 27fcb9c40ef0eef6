package org.vmstation.engine.importer;

import java.util.Objects;

/**
 * One thing the import could not carry over exactly, as a sentence for the preview report.
 *
 * @param kind    whether the item was changed to the closest equivalent, dropped, or is only information
 * @param subject what the item is ("disk", "network", "sound", "usb", "snapshot", ...), for grouping in reports
 * @param message the full sentence, naming the item as the source file names it
 */
public record ImportWarning(Kind kind, String subject, String message) {
    public enum Kind { CHANGED, DROPPED, INFO }

    public ImportWarning {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
    }

    public static ImportWarning changed(String subject, String message) { return new ImportWarning(Kind.CHANGED, subject, message); }

    public static ImportWarning dropped(String subject, String message) { return new ImportWarning(Kind.DROPPED, subject, message); }

    public static ImportWarning info(String subject, String message) { return new ImportWarning(Kind.INFO, subject, message); }

    @Override
    public String toString() { return kind + " " + subject + ": " + message; }
}

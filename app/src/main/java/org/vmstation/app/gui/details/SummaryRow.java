package org.vmstation.app.gui.details;

/** One label/value line of the details summary. */
public record SummaryRow(String label, String value) {}

package org.vmstation.app.gui.library;

import java.time.Instant;
import java.util.Comparator;

/** The library's sort choices. Ties fall back to the name so the order is stable. */
public enum SortOrder {
    NAME("Name", Comparator.comparing(VmItem::name, String.CASE_INSENSITIVE_ORDER)),
    LAST_RUN("Last run", Comparator.comparing((VmItem i) -> i.lastRunAt() == null ? Instant.MIN : i.lastRunAt()).reversed()),
    CREATED("Newest first", Comparator.comparing(VmItem::createdAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder())).reversed()),
    STATE("State", Comparator.comparing(VmItem::state)),
    OS("Operating system", Comparator.comparing((VmItem i) -> i.definition().osType()));

    private final String label;
    private final Comparator<VmItem> comparator;

    SortOrder(String label, Comparator<VmItem> primary) {
        this.label = label;
        this.comparator = primary.thenComparing(VmItem::name, String.CASE_INSENSITIVE_ORDER).thenComparing(VmItem::id);
    }

    public Comparator<VmItem> comparator() { return comparator; }

    @Override
    public String toString() { return label; }
}

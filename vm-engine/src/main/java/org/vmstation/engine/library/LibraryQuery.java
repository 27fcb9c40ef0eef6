package org.vmstation.engine.library;

import java.util.EnumSet;
import java.util.Set;
import org.vmstation.engine.runtime.VmState;

/**
 * What {@link VmLibrary#list(LibraryQuery)} returns, evaluated in SQL.
 *
 * @param text       case-insensitive substring of the name, OS type, a tag or the notes; null or blank matches all
 * @param states     only VMs whose last known state is one of these; null or empty matches all
 * @param tag        only VMs carrying this tag (whole tag, case-insensitive); null or blank matches all
 * @param sort       the order; null means {@link SortKey#NAME}. Ties are broken by name, then id
 * @param descending reverse the order (VMs that never ran stay last when sorting by {@link SortKey#LAST_RUN})
 */
public record LibraryQuery(String text, Set<VmState> states, String tag, SortKey sort, boolean descending) {
    public enum SortKey { NAME, LAST_RUN, CREATED, STATE, OS }

    public LibraryQuery {
        text = text == null || text.isBlank() ? null : text.strip();
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        tag = tag == null || tag.isBlank() ? null : tag.strip();
        sort = sort == null ? SortKey.NAME : sort;
    }

    /** Every VM, by name. */
    public static LibraryQuery all() { return new LibraryQuery(null, Set.of(), null, SortKey.NAME, false); }

    public LibraryQuery withText(String newText) { return new LibraryQuery(newText, states, tag, sort, descending); }

    public LibraryQuery withStates(Set<VmState> newStates) { return new LibraryQuery(text, newStates, tag, sort, descending); }

    public LibraryQuery withTag(String newTag) { return new LibraryQuery(text, states, newTag, sort, descending); }

    public LibraryQuery sortedBy(SortKey newSort, boolean newDescending) {
        return new LibraryQuery(text, states, tag, newSort, newDescending);
    }
}

package org.vmstation.engine.power;

/**
 * Whether changes reach this VM's guest as ACPI notifications, and if not, why. Without them the guest still
 * sees new values when it next reads them (Linux re-reads a battery after 1 s), but it does not react at once.
 */
public record EventDelivery(boolean available, String reason) {
    public static EventDelivery available(String how) { return new EventDelivery(true, how); }

    public static EventDelivery unavailable(String why) { return new EventDelivery(false, why); }
}

package org.vmstation.engine.power;

/** Values change only when someone sets them (window or {@code vmstation power}); nothing runs. */
public final class ManualSource implements PowerSource {
    private final PowerState initial;

    public ManualSource(PowerState initial) { this.initial = initial; }

    @Override public String name() { return "manual"; }
    @Override public PowerState initialState() { return initial; }
    @Override public void start(PowerController controller) {}
    @Override public void close() {}
}

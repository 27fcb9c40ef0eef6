package org.vmstation.engine.power;

/** A power value that no battery, adapter or lid can have (charge 140 %, negative rate, ...). */
public final class PowerValueException extends IllegalArgumentException {
    public PowerValueException(String message) {
        super(message);
    }
}

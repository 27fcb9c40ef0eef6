package org.vmstation.engine.power;

/** The shared region holds something the host never wrote: a guest scribbled over it, or it is not ours. */
public final class PowerRegionException extends Exception {
    public PowerRegionException(String message) {
        super(message);
    }
}

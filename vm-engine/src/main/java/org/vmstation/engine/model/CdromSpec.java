package org.vmstation.engine.model;

import java.util.Objects;

/** A CD/DVD drive; {@code isoPath} null means an empty drive. */
public record CdromSpec(String isoPath, DiskBus bus) {
    public CdromSpec {
        Objects.requireNonNull(bus, "bus");
    }

    public static CdromSpec of(String isoPath) { return new CdromSpec(isoPath, DiskBus.SATA); }
}

package org.vmstation.engine.osinfo;

/**
 * What {@link OsInfoDatabase#detectFromIso} found.
 *
 * @param os    the detected OS
 * @param iso   the image's identifiers
 * @param exact true when one of the OS's media expressions matched; false for a guess from the distribution's
 *              name in the volume id (a release newer than the database)
 */
public record IsoMatch(OsInfoEntry os, IsoVolumeDescriptor iso, boolean exact) {
    /** One sentence for the user, e.g. "Detected Debian 11 from the ISO's volume id 'Debian 11.5.0 amd64 n'". */
    public String describe() {
        return exact
                ? "Detected " + os.name() + " from the ISO's volume id '" + iso.volumeId() + "'"
                : "No release in the osinfo database matches the ISO's volume id '" + iso.volumeId()
                        + "'; guessed " + os.name() + ", the newest " + os.distro() + " release it knows";
    }
}

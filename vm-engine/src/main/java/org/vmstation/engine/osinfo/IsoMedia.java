package org.vmstation.engine.osinfo;

import java.util.regex.Pattern;

/**
 * One installer or live medium of an OS ({@code <media>} with an {@code <iso>} block) for x86-64: the regular
 * expressions its ISO 9660 identifiers match. A field the database leaves out matches any image, as in libosinfo;
 * expressions are searched for anywhere in the identifier unless they anchor themselves.
 *
 * @param arch          x86_64 or all
 * @param volumeId      never null: a medium without a volume id cannot be recognised
 * @param systemId      null when any
 * @param publisherId   null when any
 * @param applicationId null when any
 */
public record IsoMedia(String arch, Pattern volumeId, Pattern systemId, Pattern publisherId, Pattern applicationId,
                       boolean live) {
    public IsoMedia {
        if (volumeId == null) throw new IllegalArgumentException("an ISO medium needs a volume id");
    }

    public boolean matches(IsoVolumeDescriptor iso) {
        return find(volumeId, iso.volumeId()) && find(systemId, iso.systemId()) && find(publisherId, iso.publisherId())
                && find(applicationId, iso.applicationId());
    }

    private static boolean find(Pattern p, String value) { return p == null || p.matcher(value).find(); }

    /**
     * How much of the image this medium pins down, to prefer the most specific of several matches: one point per
     * identifier it checks plus the length of its volume-id expression (a longer one says more).
     */
    public int specificity() {
        int fields = 1 + (systemId == null ? 0 : 1) + (publisherId == null ? 0 : 1) + (applicationId == null ? 0 : 1);
        return fields * 1000 + volumeId.pattern().length();
    }
}

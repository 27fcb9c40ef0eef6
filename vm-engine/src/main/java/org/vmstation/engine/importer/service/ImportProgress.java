package org.vmstation.engine.importer.service;

import java.time.Duration;

/**
 * How far an import is.
 *
 * @param fraction   0..1 over the whole import, weighted by bytes to read
 * @param step       what is being done now, as a sentence ("Converting disk 1 of 2 of 'Photon'")
 * @param bytesDone  source bytes read so far (estimated from qemu-img's percentage)
 * @param bytesTotal source bytes of every disk together
 * @param remaining  estimated time left, or null while too little has been done to say
 */
public record ImportProgress(double fraction, String step, long bytesDone, long bytesTotal, Duration remaining) {}

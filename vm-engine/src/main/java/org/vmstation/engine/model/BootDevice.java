package org.vmstation.engine.model;

public enum BootDevice { DISK, CDROM, NETWORK }

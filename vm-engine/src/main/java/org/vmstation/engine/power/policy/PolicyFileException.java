package org.vmstation.engine.power.policy;

import java.io.IOException;

/** The rules file cannot be read or written, or says something invalid; the message names the file and the field. */
public final class PolicyFileException extends IOException {
    public PolicyFileException(String message) { super(message); }

    public PolicyFileException(String message, Throwable cause) { super(message, cause); }
}

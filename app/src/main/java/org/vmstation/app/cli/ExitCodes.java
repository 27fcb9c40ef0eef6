package org.vmstation.app.cli;

/** Exit codes scripts can rely on; documented in {@code vmstation --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int INVALID = 4;
    public static final int WRONG_STATE = 5;
    public static final int QEMU_FAILED = 6;
    public static final int TIMEOUT = 7;

    public static final String HELP = """
            Exit codes:
              0  success
              1  unexpected error (message on stderr)
              2  bad command-line usage
              3  no such VM (or file)
              4  the VM definition is not valid
              5  the VM is in the wrong state (already running, not running, disk in use)
              6  QEMU failed (see `vmstation logs NAME --qemu`)
              7  timed out (e.g. the guest did not shut down in time)
            """;

    private ExitCodes() {}
}

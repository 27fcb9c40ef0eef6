package org.vmstation.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.vmstation.app.EngineContext;
import org.vmstation.engine.library.LibraryException;
import org.vmstation.engine.library.VmEntry;
import org.vmstation.engine.runtime.VmOperationException;
import org.vmstation.engine.runtime.VmStatus;

/** Shared plumbing of the subcommands: opening the engine, finding VMs, printing, mapping errors. */
final class Cli {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Cli() {}

    static EngineContext open(Path library) {
        try {
            return EngineContext.open(library);
        } catch (LibraryException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage(), e);
        }
    }

    static VmEntry find(EngineContext ctx, String nameOrId) {
        try {
            return ctx.library().get(nameOrId);
        } catch (LibraryException e) {
            throw new CliException(ExitCodes.NOT_FOUND, e.getMessage(), e);
        }
    }

    /** Reads the VM's true state from the host and keeps the library's copy in step. */
    static VmStatus refresh(EngineContext ctx, VmEntry entry) {
        VmStatus status = ctx.host().status(entry.definition());
        record(ctx, entry, status);
        return status;
    }

    static void record(EngineContext ctx, VmEntry entry, VmStatus status) {
        if (status.state() != entry.lastKnownState()) {
            try {
                ctx.library().recordState(entry.id(), status.state(), java.time.Instant.now());
            } catch (LibraryException e) {
                throw new CliException(ExitCodes.ERROR, e.getMessage(), e);
            }
        }
    }

    static CliException failure(VmOperationException e) {
        int code = switch (e.reason()) {
            case ALREADY_RUNNING, NOT_RUNNING, DISK_IN_USE -> ExitCodes.WRONG_STATE;
            case INVALID_DEFINITION -> ExitCodes.INVALID;
            case MISSING_FILE -> ExitCodes.NOT_FOUND;
            case TIMEOUT -> ExitCodes.TIMEOUT;
            case QEMU_FAILED, IO -> ExitCodes.QEMU_FAILED;
        };
        return new CliException(code, e.getMessage(), e);
    }

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
            out.flush();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException(ExitCodes.ERROR, "could not write JSON: " + e.getMessage(), e);
        }
    }
}

package org.vmstation.engine.model;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a definition fails validation; carries every problem found, not just the first. */
public class VmValidationException extends Exception {
    private final transient List<ValidationProblem> problems;

    public VmValidationException(String vmName, List<ValidationProblem> problems) {
        super("VM '" + vmName + "' is not valid: "
                + problems.stream().map(ValidationProblem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ValidationProblem> problems() { return problems; }
}

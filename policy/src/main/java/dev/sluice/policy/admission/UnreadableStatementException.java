package dev.sluice.policy.admission;

import static java.util.Objects.requireNonNull;

import dev.sluice.policy.guard.Finding;

/** A statement the gateway cannot read as exactly one statement: it is refused, never passed on. */
public final class UnreadableStatementException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Finding finding;

    UnreadableStatementException(Finding finding) {
        super(finding.message());
        this.finding = requireNonNull(finding, "finding is null");
    }

    public Finding finding() {
        return finding;
    }
}

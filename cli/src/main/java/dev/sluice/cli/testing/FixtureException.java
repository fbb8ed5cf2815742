package dev.sluice.cli.testing;

/** A test that cannot run as written: its files say where and how to fix it. */
final class FixtureException extends Exception {

    private static final long serialVersionUID = 1L;

    FixtureException(String where, String message, String fix) {
        super(
                "%s%s%s"
                        .formatted(
                                where.isEmpty() ? "" : where + ": ",
                                message,
                                fix.isEmpty() ? "" : "; " + fix));
    }
}

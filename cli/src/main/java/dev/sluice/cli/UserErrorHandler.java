package dev.sluice.cli;

import dev.sluice.catalog.store.CatalogStoreException;
import dev.sluice.server.StartupException;
import dev.sluice.server.deploy.StatementFailedException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures a user can fix into one clear line and exit code 1; anything else is a bug and
 * keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
            throws Exception {
        if (e instanceof StartupException
                || e instanceof StatementFailedException
                || e instanceof IllegalArgumentException
                || e instanceof CatalogStoreException
                || e instanceof GatewayClient.GatewayException) {
            cli.getErr().println("sluice " + cli.getCommandName() + ": " + e.getMessage());
            return 1;
        }
        throw e;
    }
}

package dev.sluice.server.deploy;

import static java.util.Objects.requireNonNull;

/**
 * How far a deployment may go.
 *
 * @param prune stop pipelines and drop objects whose files are gone
 * @param allowStateReset start a changed pipeline with empty state when it cannot restore its
 *     savepoint
 * @param user who deploys, recorded in the registry
 */
public record DeployOptions(boolean prune, boolean allowStateReset, String user) {

    public DeployOptions {
        requireNonNull(user, "user is null");
    }
}

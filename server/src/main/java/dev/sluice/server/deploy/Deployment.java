package dev.sluice.server.deploy;

import java.util.List;

/**
 * A plan, or a deployment in progress or finished: what the API returns and {@code sluice deploy}
 * prints.
 *
 * @param id names the deployment for progress requests; empty for a plan that is not applied
 * @param errors why nothing was planned: each names file, line and column
 * @param done whether every step ran (or the first failure stopped it)
 * @param summary one line, once done
 */
public record Deployment(
        String id, List<Step> steps, List<String> errors, boolean done, String summary) {

    public Deployment {
        steps = List.copyOf(steps);
        errors = List.copyOf(errors);
    }

    public boolean failed() {
        return !errors.isEmpty() || steps.stream().anyMatch(s -> s.status() == Step.Status.FAILED);
    }
}

package dev.sluice.server.deploy;

import dev.sluice.catalog.store.ManagedObject;
import java.util.List;
import java.util.Map;

/**
 * What deploying a directory would do: the steps to show, the change behind each step that changes
 * something, and the objects the directory declares (recorded as deploy's own once it applied).
 *
 * @param errors why nothing can be planned; when not empty, there are no steps
 */
record Plan(
        List<Step> steps,
        Map<Integer, Change> changes,
        List<ManagedObject> declared,
        List<String> errors) {

    Plan {
        steps = List.copyOf(steps);
        changes = Map.copyOf(changes);
        declared = List.copyOf(declared);
        errors = List.copyOf(errors);
    }

    static Plan refused(List<String> errors) {
        return new Plan(List.of(), Map.of(), List.of(), errors);
    }

    boolean changesAnything() {
        return steps.stream().anyMatch(Step::changes);
    }

    /** The plan as the API shows it before it is applied. */
    Deployment toDeployment() {
        return new Deployment("", steps, errors, !errors.isEmpty(), "");
    }
}

package dev.sluice.server.deploy;

import dev.sluice.policy.Failures;

/** The message that explains a failure: a {@link DeployException}'s own, else the innermost one. */
final class Explanations {

    private Explanations() {}

    static String of(Throwable failure) {
        if (failure instanceof DeployException || failure instanceof JobControlException) {
            return failure.getMessage();
        }
        return Failures.innermostMessage(failure);
    }
}

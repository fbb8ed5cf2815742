package dev.sluice.server.deploy;

import dev.sluice.catalog.store.DeployedPipeline;
import dev.sluice.catalog.store.ManagedObject;
import dev.sluice.catalog.store.StoredDatabase;
import dev.sluice.catalog.store.StoredFunction;
import dev.sluice.catalog.store.StoredObject;
import java.util.List;
import java.util.Optional;

/**
 * What applying one step of a plan does, decided by {@link DeployPlanner} and carried out by {@link
 * DeployExecutor}. Steps that change nothing have no change.
 */
sealed interface Change {

    /** Creates a function; its database too, when the catalog lacks it. */
    record CreateFunction(String target, StoredFunction desired, Optional<StoredDatabase> database)
            implements Change {}

    record AlterFunction(String target, StoredFunction desired) implements Change {}

    /** Creates a table or view (a Kafka table's topics first); its database too, when missing. */
    record CreateObject(String target, StoredObject desired, Optional<StoredDatabase> database)
            implements Change {}

    /** Replaces a table or view, if it is still at the version the plan read. */
    record ReplaceObject(StoredObject desired, long version) implements Change {}

    /** Drops an object deploy created whose file no longer declares it ({@code --prune}). */
    record Drop(ManagedObject managed) implements Change {}

    /** Starts a pipeline: a new one (no restore point) or one whose job is gone. */
    record StartPipeline(
            String name, String file, List<String> statements, Optional<String> restorePoint)
            implements Change {}

    /** Records as running a job that an interrupted deploy submitted. */
    record RecordRunning(DeployedPipeline current) implements Change {}

    /** Savepoint, then the new statements from it; the previous version again if they fail. */
    record Upgrade(DeployedPipeline current, String name, String file, List<String> statements)
            implements Change {}

    /** Savepoint, then stop: a pipeline whose file is gone ({@code --prune}). */
    record StopPipeline(DeployedPipeline pipeline) implements Change {}
}

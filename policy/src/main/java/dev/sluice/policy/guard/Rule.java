package dev.sluice.policy.guard;

/**
 * Why Sluice refuses (or warns about) a statement: a stable id, documented in the README and shown
 * in every message as {@code [id]}, and who has to act.
 */
public enum Rule {
    SQL_SYNTAX("sql-syntax", Category.USER),
    STATEMENT_LIMITS("statement-limits", Category.USER),
    SQL_VALIDATION("sql-validation", Category.USER),
    SQL_UNSUPPORTED("sql-unsupported", Category.USER),
    SECURITY_CODE("security-code", Category.USER),
    SECURITY_CATALOG("security-catalog", Category.USER),
    SECURITY_MODULE("security-module", Category.USER),
    SECURITY_CONFIG("security-config", Category.USER),
    SECURITY_CONNECTOR("security-connector", Category.USER),
    SECURITY_FILES("security-files", Category.USER),
    SECURITY_PROPERTIES("security-properties", Category.USER),
    RESOURCES("resources", Category.USER),
    EXACTLY_ONCE("exactly-once", Category.USER),
    EVENT_TIME("event-time", Category.USER),
    LEGACY_WINDOW("legacy-window", Category.USER),
    UNBOUNDED_STATE("unbounded-state", Category.USER),
    /** A statement that would change a pipeline {@code sluice deploy} manages. */
    DEPLOYED_PIPELINE("deployed-pipeline", Category.USER),
    /** A file of a {@code sluice deploy} directory in the wrong folder or of the wrong shape. */
    DEPLOY_FILE("deploy-file", Category.USER),
    /** A {@code sluice.*} table option Sluice does not know, or with a value it cannot use. */
    SLUICE_OPTION("sluice-option", Category.USER),
    /** A table's topic is missing, or does not fit the table (a compacted topic under appends). */
    KAFKA_TOPIC("kafka-topic", Category.EXTERNAL);

    /** Who has to act on a finding. */
    public enum Category {
        /** The statement (or the session) has to change; the message says how. */
        USER,
        /** Something outside the statement has to change first: a topic, a cluster, a catalog. */
        EXTERNAL,
        /** Sluice could not decide; it refused to be safe. Worth a bug report. */
        INTERNAL
    }

    private final String id;
    private final Category category;

    Rule(String id, Category category) {
        this.id = id;
        this.category = category;
    }

    public String id() {
        return id;
    }

    public Category category() {
        return category;
    }

    /** The id, as messages show it. */
    @Override
    public String toString() {
        return id;
    }
}

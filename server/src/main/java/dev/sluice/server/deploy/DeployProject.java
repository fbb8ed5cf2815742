package dev.sluice.server.deploy;

import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.guard.Rule;
import dev.sluice.policy.sql.FlinkSqlParsing;
import dev.sluice.policy.sql.SqlProject;
import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.policy.sql.Statements;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.flink.sql.parser.ddl.SqlCreateFunction;
import org.apache.flink.sql.parser.ddl.SqlCreateObject;
import org.apache.flink.sql.parser.ddl.SqlSet;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTable;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTableAs;
import org.apache.flink.sql.parser.ddl.view.SqlCreateView;

/**
 * A directory as {@code sluice deploy} reads it. Objects live in {@code tables/}, {@code
 * functions/} and {@code views/}: each statement there creates one table, function or view.
 * Pipelines live in {@code pipelines/}: each file is one pipeline, named after the file, made of
 * {@code SET} statements and one {@code INSERT} or statement set. Files run folder by folder in
 * that order, by name within a folder.
 */
public final class DeployProject {

    static final String DATABASE = "default_database";

    /** A table, view or function that a file declares. */
    public record ObjectDecl(String kind, String database, String name, SqlStatement statement) {
        String file() {
            return statement.source();
        }

        String describe() {
            return kind.toLowerCase(java.util.Locale.ROOT) + " " + name;
        }
    }

    /** A pipeline file. */
    public record PipelineDecl(String name, String file, List<SqlStatement> statements) {
        String fingerprint() {
            return Fingerprint.of(statements.stream().map(SqlStatement::text).toList());
        }

        List<String> texts() {
            return statements.stream().map(SqlStatement::text).toList();
        }
    }

    final List<SqlStatement> statements = new ArrayList<>();
    final List<ObjectDecl> objects = new ArrayList<>();
    final List<PipelineDecl> pipelines = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    private DeployProject() {}

    /** The tables, views and functions, in the order deploy creates them. */
    public List<ObjectDecl> objects() {
        return List.copyOf(objects);
    }

    /** The pipelines, by file name. */
    public List<PipelineDecl> pipelines() {
        return List.copyOf(pipelines);
    }

    /** Problems of form, each naming file, line and column. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /**
     * Reads the files. Problems of form (a file outside the known folders, a DROP in a table file,
     * a pipeline with two INSERTs) land in {@link #errors}, each naming file, line and column.
     */
    public static DeployProject read(String root, List<ProjectFile> files) {
        DeployProject project = new DeployProject();
        List<ProjectFile> ordered = new ArrayList<>(files);
        ordered.sort(
                Comparator.comparingInt(DeployProject::folderRank)
                        .thenComparing(ProjectFile::path));
        Map<String, String> objectFiles = new HashMap<>();
        for (ProjectFile file : ordered) {
            String label = root.isEmpty() ? file.path() : root + "/" + file.path();
            int rank = folderRank(file);
            if (rank == Integer.MAX_VALUE) {
                project.errors.add(
                        "%s: not in tables/, functions/, views/ or pipelines/; move it into one of them (deploy reads only those)"
                                .formatted(label));
                continue;
            }
            List<SqlStatement> statements = SqlScript.split(label, file.text());
            project.statements.addAll(statements);
            if (SqlProject.FOLDERS.get(rank).equals("pipelines")) {
                project.readPipeline(label, file.path(), statements);
            } else {
                for (SqlStatement statement : statements) {
                    project.readObject(statement, objectFiles);
                }
            }
        }
        return project;
    }

    private void readObject(SqlStatement statement, Map<String, String> seen) {
        SqlNode node = parse(statement);
        if (node == null) {
            return;
        }
        String kind;
        if (node instanceof SqlCreateTableAs) {
            kind = null;
        } else if (node instanceof SqlCreateTable) {
            kind = "TABLE";
        } else if (node instanceof SqlCreateView) {
            kind = "VIEW";
        } else if (node instanceof SqlCreateFunction) {
            kind = "FUNCTION";
        } else {
            kind = null;
        }
        if (kind == null || ((SqlCreateObject) node).isTemporary()) {
            errors.add(
                    error(
                            statement,
                            Rule.DEPLOY_FILE,
                            "files in tables/, functions/ and views/ may only CREATE a table, view or function (not TEMPORARY, not AS SELECT)",
                            "move this statement to pipelines/ if it runs a job, or run it by hand"));
            return;
        }
        String[] name = ((SqlCreateObject) node).getFullName();
        String database = name.length >= 2 ? name[name.length - 2] : DATABASE;
        String object = name[name.length - 1];
        if (kind.equals("FUNCTION")) {
            object = object.toLowerCase(java.util.Locale.ROOT);
        }
        String key = kind + " " + database + "." + object;
        String first = seen.putIfAbsent(key, statement.source());
        if (first != null) {
            errors.add(
                    error(
                            statement,
                            Rule.DEPLOY_FILE,
                            "%s is declared twice (first in %s)"
                                    .formatted(key.toLowerCase(java.util.Locale.ROOT), first),
                            "keep one declaration"));
            return;
        }
        objects.add(new ObjectDecl(kind, database, object, statement));
    }

    private void readPipeline(String label, String path, List<SqlStatement> statements) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        String name = fileName.substring(0, fileName.length() - ".sql".length());
        int jobs = 0;
        for (SqlStatement statement : statements) {
            SqlNode node = parse(statement);
            if (node == null) {
                return;
            }
            if (Statements.isDml(node)) {
                jobs++;
                if (jobs == 2) {
                    errors.add(
                            error(
                                    statement,
                                    Rule.DEPLOY_FILE,
                                    "a second INSERT in pipeline '%s': one file is one pipeline, one job"
                                            .formatted(name),
                                    "move it to a file of its own, or combine both in EXECUTE STATEMENT SET BEGIN … END"));
                }
            } else if (!(node instanceof SqlSet)) {
                errors.add(
                        error(
                                statement,
                                Rule.DEPLOY_FILE,
                                "pipeline files hold SET statements and one INSERT; this is neither",
                                "move tables, views and functions to tables/, views/ or functions/"));
            }
        }
        if (jobs == 0) {
            errors.add(
                    "%s: pipeline '%s' has no INSERT; add the INSERT INTO … SELECT it runs, or delete the file"
                            .formatted(label, name));
            return;
        }
        pipelines.add(new PipelineDecl(name, label, statements));
    }

    private SqlNode parse(SqlStatement statement) {
        try {
            return FlinkSqlParsing.parse(Statements.withoutTerminator(statement.text()));
        } catch (SqlParseException e) {
            // The validator reports it, with Flink's expected tokens.
            return null;
        }
    }

    private static String error(SqlStatement statement, Rule rule, String message, String fix) {
        return new Finding(rule, Finding.Severity.ERROR, 1, 1, message, fix)
                .renderCompact(statement);
    }

    private static int folderRank(ProjectFile file) {
        String path = file.path();
        int slash = path.indexOf('/');
        if (slash < 0 || path.indexOf('/', slash + 1) >= 0 || !path.endsWith(".sql")) {
            return Integer.MAX_VALUE;
        }
        int rank = SqlProject.FOLDERS.indexOf(path.substring(0, slash));
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }
}

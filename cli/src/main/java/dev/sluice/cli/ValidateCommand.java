package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.catalog.store.StoreSettings;
import dev.sluice.policy.guard.Finding;
import dev.sluice.policy.sql.SqlProject;
import dev.sluice.policy.sql.SqlScript;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.policy.validate.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice validate}: the gateway's checks, offline, for editors and pre-commit hooks. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks SQL files offline, as the gateway would.",
            "",
            "Sluice's rules, then Flink's parser, validator and planner against an in-memory catalog",
            "that the files' own DDL fills. No Kafka, no cluster, no network. A directory laid out",
            "as pipelines as code (tables/, functions/, views/, pipelines/) runs in that order.",
            "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 bad usage."
        })
final class ValidateCommand implements Callable<Integer> {

    enum Format {
        TEXT,
        JSON
    }

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "SQL files or directories.")
    List<Path> paths;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "text|json",
            converter = FormatConverter.class,
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin GuardMixin guard;

    @Option(
            names = "--catalog-url",
            paramLabel = "JDBC-URL",
            description =
                    "Validate against this catalog's tables too (only read, never changed). Password from SLUICE_CATALOG_PASSWORD.")
    String catalogUrl;

    @Option(
            names = "--catalog-user",
            paramLabel = "USER",
            description = "User of the catalog database.")
    String catalogUser;

    @Override
    public Integer call() {
        List<SqlStatement> statements = statements();
        System.setProperty(
                "sluice.log.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "sluice-validate-logs").toString());
        List<Result> results = new ArrayList<>();
        Optional<StoreSettings> seed = CatalogLocation.of(spec, catalogUrl, catalogUser);
        try (Validator validator = new Validator(guard.policy(), seed)) {
            for (SqlStatement statement : statements) {
                validator.validate(statement).forEach(f -> results.add(new Result(statement, f)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.JSON) {
            out.println(json(results));
        } else {
            results.forEach(r -> out.println(r.finding().renderCompact(r.statement())));
            long errors = results.stream().filter(r -> r.finding().isError()).count();
            spec.commandLine()
                    .getErr()
                    .printf(
                            "%d statement(s): %d error(s), %d warning(s)%n",
                            statements.size(), errors, results.size() - errors);
            spec.commandLine().getErr().flush();
        }
        out.flush();
        return results.stream().anyMatch(r -> r.finding().isError()) ? 1 : 0;
    }

    private record Result(SqlStatement statement, Finding finding) {}

    private List<SqlStatement> statements() {
        List<SqlStatement> statements = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                statements.addAll(SqlScript.read(path, path.toString()));
            } else if (Files.isDirectory(path)) {
                statements.addAll(directory(path));
            } else {
                throw new ParameterException(
                        spec.commandLine(), "no such file or directory: " + path);
            }
        }
        return statements;
    }

    private static List<SqlStatement> directory(Path dir) {
        boolean project =
                SqlProject.FOLDERS.stream()
                        .anyMatch(folder -> Files.isDirectory(dir.resolve(folder)));
        if (project) {
            return SqlProject.load(dir);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<SqlStatement> statements = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                statements.addAll(SqlScript.read(file, file.toString()));
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String json(List<Result> results) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (Result result : results) {
            Finding f = result.finding();
            SqlStatement s = result.statement();
            ObjectNode node = array.addObject();
            node.put("file", s.source());
            node.put("statement", s.index());
            node.put("line", s.line() + f.line() - 1);
            node.put("column", f.line() == 1 ? s.column() + f.column() - 1 : f.column());
            node.put("rule", f.rule().id());
            node.put("category", f.rule().category().name().toLowerCase(Locale.ROOT));
            node.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            node.put("message", f.message());
            node.put("fix", f.fix());
        }
        return array.toPrettyString();
    }

    /** Accepts text and json in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a format; use text or json");
            }
        }
    }
}

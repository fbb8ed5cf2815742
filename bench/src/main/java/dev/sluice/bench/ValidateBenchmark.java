package dev.sluice.bench;

import dev.sluice.policy.guard.GuardPolicy;
import dev.sluice.policy.sql.SqlProject;
import dev.sluice.policy.sql.SqlStatement;
import dev.sluice.policy.validate.Validator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How long {@code sluice validate} takes per statement of a pipelines-as-code folder: the first
 * (cold) round, then percentiles over warm rounds. Goal: p99 at most 50 ms warm. Prints numbers;
 * asserts nothing.
 */
public final class ValidateBenchmark {

    private static final int WARMUP_ROUNDS = 20;
    private static final int MEASURED_ROUNDS = 200;

    private ValidateBenchmark() {}

    public static void main(String[] args) {
        Path project = Path.of(args.length > 0 ? args[0] : "sql");
        List<SqlStatement> statements = SqlProject.load(project);
        long start = System.nanoTime();
        try (Validator validator = new Validator(GuardPolicy.defaults())) {
            long constructed = System.nanoTime();
            long[] cold = round(validator, statements);
            System.out.printf(
                    "validate %s: %d statements; validator start %.0f ms; cold round %s%n",
                    project, statements.size(), ms(constructed - start), describe(cold));
            for (int i = 0; i < WARMUP_ROUNDS; i++) {
                round(validator, statements);
            }
            List<long[]> warm = new ArrayList<>();
            for (int i = 0; i < MEASURED_ROUNDS; i++) {
                warm.add(round(validator, statements));
            }
            for (int s = 0; s < statements.size(); s++) {
                final int index = s;
                long[] samples = warm.stream().mapToLong(r -> r[index]).sorted().toArray();
                System.out.printf(
                        "  %-45s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
                        statements.get(s).source() + ":" + statements.get(s).line(),
                        ms(percentile(samples, 50)),
                        ms(percentile(samples, 99)),
                        ms(samples[samples.length - 1]));
            }
            long[] all = warm.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf(
                    "warm, all statements: p50 %.2f ms, p99 %.2f ms (goal p99 <= 50 ms), %d samples%n",
                    ms(percentile(all, 50)), ms(percentile(all, 99)), all.length);
        }
    }

    private static long[] round(Validator validator, List<SqlStatement> statements) {
        long[] nanos = new long[statements.size()];
        for (int i = 0; i < statements.size(); i++) {
            long t0 = System.nanoTime();
            validator.validate(statements.get(i));
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static String describe(long[] nanos) {
        return Arrays.stream(nanos).mapToObj(n -> "%.0f ms".formatted(ms(n))).toList().toString();
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}

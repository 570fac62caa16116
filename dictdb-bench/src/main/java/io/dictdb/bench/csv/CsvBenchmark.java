package io.dictdb.bench.csv;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.csv.Csv;
import io.dictdb.csv.CsvExportOptions;
import io.dictdb.csv.CsvImportOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Import and export of one million rows of six columns (a long key, a name with commas and quotes now and then, an
 * integer, a decimal, a boolean, a city that is sometimes empty). Throughput is in rows per second: each
 * invocation handles the whole file and counts as {@value #ROWS} operations.
 *
 * <p>{@code importInferred} reads the file twice (inference over the whole file, then insert);
 * {@code importWithSchema} once. {@code export} writes the whole table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
public class CsvBenchmark {
    static final int ROWS = 1_000_000;

    private static final Schema SCHEMA = Schema.builder().field("id", FieldType.LONG).field("name", FieldType.STRING)
            .field("age", FieldType.LONG).field("score", FieldType.DOUBLE).field("active", FieldType.BOOLEAN)
            .optional("city", FieldType.STRING).build();

    private Path dir;
    private Path input;
    private Path output;
    private Table table;
    private int run;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("dictdb-csv-bench");
        input = dir.resolve("in.csv");
        output = dir.resolve("out.csv");
        Database db = DictDB.create();
        table = db.createTable(TableSpec.named("people").schema(SCHEMA));
        Random random = new Random(42);
        String[] cities = {"Paris", "Lyon", "S\u00e3o Paulo", "", "New York, NY", "K\u00f8benhavn"};
        List<Record> batch = new ArrayList<>(10_000);
        for (int i = 1; i <= ROWS; i++) {
            String name = (i % 97 == 0 ? "Smith, \"J\" " : "user") + i;
            String city = cities[random.nextInt(cities.length)];
            batch.add(Record.of("id", (long) i, "name", name, "age", (long) random.nextInt(100),
                    "score", Math.round(random.nextDouble() * 100_000) / 100.0, "active", random.nextBoolean(),
                    "city", city.isEmpty() ? null : city));
            if (batch.size() == 10_000) {
                table.insertAll(batch);
                batch.clear();
            }
        }
        table.insertAll(batch);
        Csv.exportTable(table, input, CsvExportOptions.defaults());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(input);
        Files.deleteIfExists(output);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long importInferred() {
        Database db = DictDB.create();
        return Csv.importTable(db, input, "t" + run++, CsvImportOptions.defaults());
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long importWithSchema() {
        Database db = DictDB.create();
        return Csv.importTable(db, input, "t" + run++, CsvImportOptions.defaults().schema(SCHEMA));
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long export() {
        return Csv.exportTable(table, output, CsvExportOptions.defaults());
    }
}

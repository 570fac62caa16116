package io.dictdb.jsonprobe;

import io.dictdb.Record;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Run by ModulePathTest in a child JVM with dictdb-api, dictdb-json and jackson-core on the module path. */
public final class ModulePathProbe {
    private ModulePathProbe() {
    }

    /**
     * Prints what discovery found and round-trips a record through a framed file.
     *
     * @param args unused
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Codec json = Codecs.named("json");
        System.out.println("api-module=" + Codec.class.getModule().getName());
        System.out.println("codec-module=" + json.getClass().getModule().getName());
        System.out.println("available=" + Codecs.available().stream().map(Codec::name).toList());
        System.out.println("problems=" + Codecs.problems());
        Path dir = Files.createTempDirectory("dictdb-modpath");
        Path file = dir.resolve("probe.json");
        ImageFiles.standard().write(file, json, ImageHeader.full(1, Instant.EPOCH), w -> {
            w.beginTable(new TableDefinition("t", "id", null, List.of()));
            w.writeRecord(Record.of("id", 1L, "name", "Zoë"));
            w.endTable();
            w.writeTableStates(List.of(new TableState("t", 2)));
        });
        Record back = ImageFiles.standard().read(file, (h, r) -> {
            r.nextTable();
            Record first = r.nextRecord();
            while (r.nextRecord() != null) {
                // none
            }
            r.nextTable();
            r.readTableStates();
            return first;
        });
        System.out.println("record=" + back);
        Files.delete(file);
        Files.delete(dir);
    }
}

package io.dictdb.cli;

import io.dictdb.Database;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import io.dictdb.file.ImageInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dictdb convert IN OUT}: loads a database with any codec and saves it with another. */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Load a database file with any codec (a framed DictDB file, a plain export, a Python DictDB "
                + "JSON save) and save it in another format.",
                "The output format is --format, else the one for OUT's extension (json, cbor, kryo), else json."})
final class ConvertCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "IN", description = "The file to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The file to write (replaced atomically, once the "
            + "new one reads back).")
    Path out;

    @Option(names = {"-f", "--format"}, paramLabel = "F", description = "Output codec: json, cbor or kryo.")
    String format;

    @Option(names = "--plain", description = "Write the codec's bare payload without the DictDB frame (no header "
            + "line, no checksum), for other tools: with json, one plain JSON document.")
    boolean plain;

    @Override
    int run() throws Exception {
        Support.requireFile(in);
        String target = Support.formatFor(out, format);
        long started = System.nanoTime();
        Database db = Progress.spin(err(), progress(), "loading " + in.getFileName(), () -> DictDB.load(in));
        long loaded = System.nanoTime();
        Snapshot snap = Support.snapshot(db);
        ImageInfo info = Progress.spin(err(), progress(), "writing " + out.getFileName(),
                () -> CheckedWrite.replace(out, target, file -> plain ? export(file, Support.codec(target), snap)
                        : ((DictDB) db).save(file, target, ImageFiles.standard())));
        long done = System.nanoTime();
        this.out().printf("converted %s (%s, %s) to %s (%s%s, %s): %d tables, %s records; load %s, write %s%n", in,
                Codecs.forFile(in).name(), Support.bytes(Files.size(in)), out, target,
                plain ? " plain" : "", Support.bytes(info.size()), snap.tables().size(),
                Support.count(snap.recordCount()), Support.millis(loaded - started), Support.millis(done - loaded));
        return 0;
    }

    /** Writes a snapshot without the frame. */
    static ImageInfo export(Path file, Codec codec, Snapshot snap) {
        return ImageFiles.standard().export(file, codec, snap.fullHeader(), snap::writeTo);
    }
}

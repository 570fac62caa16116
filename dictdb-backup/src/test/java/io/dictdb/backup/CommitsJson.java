package io.dictdb.backup;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON that surely records a delta's commits: a first line {@code commits a-b c-d ...}, then the JSON codec's image.
 * The restore tests of commits use it so that they do not depend on which codecs write commits themselves (the
 * three codecs learn it on another branch); it still hands the commits to the JSON codec and reads them back from
 * it, so it keeps working once JSON writes them too.
 */
final class CommitsJson implements Codec {
    static final String NAME = "commits-json";
    private final Codec json = Codecs.named("json");

    /** Registers the codec (again: idempotent), so that {@code format(NAME)} and the restores find it. */
    static void register() {
        Codecs.register(new CommitsJson());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String fileExtension() {
        return "cjson";
    }

    @Override
    public ImageWriter newWriter(OutputStream out) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ImageWriter w = json.newWriter(body);
        List<CommitRange> commits = new ArrayList<>();
        return new ImageWriter() {
            @Override
            public void writeHeader(ImageHeader header) throws IOException {
                w.writeHeader(header);
            }

            @Override
            public void beginTable(TableDefinition definition) throws IOException {
                w.beginTable(definition);
            }

            @Override
            public void writeRecord(Record record) throws IOException {
                w.writeRecord(record);
            }

            @Override
            public void endTable() throws IOException {
                w.endTable();
            }

            @Override
            public void writeChange(Change change) throws IOException {
                w.writeChange(change);
            }

            @Override
            public void writeTableStates(List<TableState> states) throws IOException {
                w.writeTableStates(states);
            }

            @Override
            public void writeCommits(List<CommitRange> list) throws IOException {
                w.writeCommits(list);
                commits.addAll(list);
            }

            @Override
            public void finish() throws IOException {
                w.finish();
                StringBuilder line = new StringBuilder("commits");
                for (CommitRange c : commits) {
                    line.append(' ').append(c.first()).append('-').append(c.last());
                }
                out.write(line.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
                body.writeTo(out);
                out.flush();
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    @Override
    public ImageReader newReader(InputStream in) {
        List<CommitRange> commits = new ArrayList<>();
        try {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new CodecException("commits-json: the image ends before its commits line");
                }
                line.append((char) b);
            }
            String[] parts = line.toString().split(" ");
            if (!parts[0].equals("commits")) {
                throw new CodecException("commits-json: no commits line");
            }
            for (int i = 1; i < parts.length; i++) {
                String[] ends = parts[i].split("-");
                commits.add(new CommitRange(Long.parseLong(ends[0]), Long.parseLong(ends[1])));
            }
        } catch (IOException e) {
            throw new CodecException("commits-json: " + e.getMessage());
        }
        ImageReader r = json.newReader(in);
        return new ImageReader() {
            @Override
            public ImageHeader readHeader() throws IOException {
                return r.readHeader();
            }

            @Override
            public TableDefinition nextTable() throws IOException {
                return r.nextTable();
            }

            @Override
            public Record nextRecord() throws IOException {
                return r.nextRecord();
            }

            @Override
            public Change nextChange() throws IOException {
                return r.nextChange();
            }

            @Override
            public List<TableState> readTableStates() throws IOException {
                return r.readTableStates();
            }

            @Override
            public List<CommitRange> readCommits() throws IOException {
                r.readCommits(); // what JSON itself recorded, if anything: read past it
                return List.copyOf(commits);
            }

            @Override
            public void finish() throws IOException {
                r.finish();
            }

            @Override
            public void close() throws IOException {
                r.close();
            }
        };
    }
}

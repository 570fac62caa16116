package io.dictdb.examples.tck;

/**
 * Runs the README's kit subclass ({@link JsonCodecTest}, compiled in src/main) with every check of the kit, on
 * smaller inputs: dictdb-json runs the full-size kit.
 */
class ReadmeKitTest extends JsonCodecTest {
    @Override
    protected int examples() {
        return 20;
    }

    @Override
    protected int largeImageRecords() {
        return 2_000;
    }
}

package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.CodecException;
import io.dictdb.codec.tck.Image;
import io.dictdb.spi.Codec;
import java.lang.management.ManagementFactory;

/**
 * Runs a decoder on hostile bytes and checks it fails with a CodecException having allocated little: a decoder that
 * trusted a claimed length would allocate it (no time is asserted: the machine may be busy).
 */
final class Hostile {
    /** Far below any claimed length in the tests (hundreds of MB to GB). */
    static final long MAX_ALLOCATED = 16L << 20;

    private Hostile() {
    }

    static CodecException rejects(Codec codec, byte[] bytes) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        CodecException[] caught = new CodecException[1];
        assertThatThrownBy(() -> Image.decode(codec, bytes))
                .isInstanceOf(CodecException.class)
                .satisfies(e -> caught[0] = (CodecException) e);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while rejecting (%s)", caught[0].getMessage())
                .isLessThan(MAX_ALLOCATED);
        return caught[0];
    }
}

package io.dictdb.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTest {
    @Test
    void theVersionIsTheBuildsNotAPlaceholder() {
        // "unknown" if the version file is missing, "${project.version}" if the build stopped filtering it
        assertThat(DictDB.version()).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
    }
}

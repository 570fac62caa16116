package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README and the guides cannot drift from compiled code: every {@code java} block of ../README.md and of every
 * ../docs/*.md must appear, whitespace normalised, between {@code // README:begin <name>} and
 * {@code // README:end <name>} in the examples' main sources (which compile, and whose blocks {@link ReadmeTest}
 * and the tests of {@code io.dictdb.examples.guides} run). And no page sends a reader outside the repository: every
 * relative link resolves to a file of the repository.
 */
class DocBlocksTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final Path README = REPOSITORY.resolve("README.md");
    private static final Path DOCS = REPOSITORY.resolve("docs");
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```\\s*$", Pattern.DOTALL);
    /** A Markdown link or image target: {@code [text](target)}, without a title. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern MARKED = Pattern.compile(
            "// README:begin (\\S+)\\n(.*?)\\n[ \\t]*// README:end \\1\\b", Pattern.DOTALL);

    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static List<String> markedRegions(String source) {
        List<String> regions = new ArrayList<>();
        Matcher m = MARKED.matcher(source);
        while (m.find()) {
            regions.add(m.group(2));
        }
        return regions;
    }

    static String normalise(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }

    private static List<String> markedRegionsOfTheSources() throws IOException {
        List<String> regions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                markedRegions(Files.readString(f, StandardCharsets.UTF_8)).stream()
                        .map(DocBlocksTest::normalise).forEach(regions::add);
            }
        }
        return regions;
    }

    /** README.md, then every Markdown page of docs/, by name. */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(README);
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<String> links(String markdown) {
        List<String> links = new ArrayList<>();
        Matcher m = LINK.matcher(markdown);
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }

    @Test
    void everyJavaBlockOfTheReadmeAndTheGuidesIsCompiledInTheExamples() throws IOException {
        assertThat(javaBlocks(Files.readString(README, StandardCharsets.UTF_8))).as("java blocks in the README")
                .hasSizeGreaterThanOrEqualTo(8);
        assertThat(pages()).as("the guides in docs/").hasSizeGreaterThanOrEqualTo(10);
        List<String> regions = markedRegionsOfTheSources();
        int checked = 0;
        for (Path page : pages()) {
            for (String block : javaBlocks(Files.readString(page, StandardCharsets.UTF_8))) {
                String wanted = normalise(block);
                assertThat(regions.stream().anyMatch(r -> r.contains(wanted)))
                        .as("block of %s not found between README:begin/end markers in %s:%n%s", page, SOURCES, block)
                        .isTrue();
                checked++;
            }
        }
        assertThat(checked).as("java blocks checked").isGreaterThanOrEqualTo(30);
    }

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
        Path root = REPOSITORY.toRealPath();
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            assertThat(text).as("%s names a folder outside the repository", page).doesNotContain("../shared");
            for (String link : links(text)) {
                if (link.matches("^[a-z]+:.*") || link.startsWith("#")) {
                    continue; // a web address or an anchor of the same page
                }
                Path target = page.getParent().resolve(link.replaceFirst("#.*$", "")).normalize();
                assertThat(target).as("link %s of %s", link, page).exists();
                assertThat(target.toRealPath().startsWith(root)).as("link %s of %s leaves the repository", link, page)
                        .isTrue();
            }
        }
    }

    @Test
    void theCheckCatchesADriftedBlock() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String drifted = readme.replaceFirst("\\.limit\\(10\\)", ".limit(11)");
        assertThat(drifted).isNotEqualTo(readme);
        List<String> regions = markedRegionsOfTheSources();
        assertThat(javaBlocks(drifted).stream().map(DocBlocksTest::normalise)
                .filter(b -> regions.stream().noneMatch(r -> r.contains(b)))).hasSize(1);
    }

    @Test
    void theExtractionFindsBlocksAndMarkers() {
        String md = "text\n```java\nint a = 1;\n```\n```bash\nls\n```\n```java\nint b =\n   2;\n```\n";
        assertThat(javaBlocks(md)).containsExactly("int a = 1;\n", "int b =\n   2;\n");
        String src = "x\n    // README:begin one\n    int b = 2;\n    // README:end one\n";
        assertThat(markedRegions(src)).containsExactly("    int b = 2;");
        assertThat(normalise("int b =\n   2;\n")).isEqualTo("int b = 2;");
        assertThat(links("see [a](queries.md#x), ![b](../README.md) and [c](https://x.example/y)"))
                .containsExactly("queries.md#x", "../README.md", "https://x.example/y");
    }

    @Test
    void theReadmeStartsWithTheDemoAndTheTestCommandThatCiRuns() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher first = Pattern.compile("(?s)^# [^\n]*\n\n```bash\n(.*?)```").matcher(readme);
        assertThat(first.find()).as("a bash block right after the title").isTrue();
        assertThat(first.group(1).lines().toList()).containsExactly(
                "mvn -B -q package -DskipTests && java -jar dictdb-cli/target/dictdb.jar demo", "mvn -B verify");
        assertThat(Files.readString(Path.of("..", ".ci", "run"), StandardCharsets.UTF_8))
                .as(".ci/run runs the README's test command").contains("\nmvn -B verify ");
    }

    @Test
    void everyExampleTheReadmeListsHasAMain() throws Exception {
        Matcher row = Pattern.compile("(?m)^\\| `([A-Z]\\w+)` \\|").matcher(
                Files.readString(README, StandardCharsets.UTF_8));
        List<String> listed = new ArrayList<>();
        while (row.find()) {
            listed.add(row.group(1));
        }
        assertThat(listed).contains("QuickLook", "ProductionApp");
        for (String name : listed) {
            assertThat(Class.forName("io.dictdb.examples." + name).getMethod("main", String[].class))
                    .as("io.dictdb.examples.%s.main", name).isNotNull();
        }
    }
}

package io.dictdb;

import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The value rule ({@link ImageLimits}): what a record may hold is refused where it becomes canonical, with a message
 * naming the field's path, the limit and the offending size, and everything up to each limit is accepted.
 */
class ValueRuleTest {

    /** Control characters of each kind: C0 (NUL, newline, ESC), DEL and C1 (NEL, CSI). */
    static final String[] CONTROLS = {"\u0000", "\n", "\r", "\t", "\u001b", "\u007f", "\u0085", "\u009b"};

    @Nested
    class Strings {
        @Test
        void aStringOfTheLimitInUtf8BytesIsAcceptedAndOneByteMoreIsRefusedNamingFieldSizeAndLimit() {
            String atLimit = "a".repeat(ImageLimits.MAX_STRING_LENGTH);
            assertThat(Record.of("notes", Map.of("text", atLimit)).getRecord("notes").getString("text"))
                    .hasSize(ImageLimits.MAX_STRING_LENGTH);
            assertThatThrownBy(() -> Record.of("notes", Map.of("text", atLimit + "b")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Field 'notes.text': a string of 67,108,865 UTF-8 bytes exceeds the limit of "
                            + "67,108,864 (ImageLimits.MAX_STRING_LENGTH)");
        }

        @Test
        void theLimitCountsUtf8BytesNotChars() {
            // 22,369,622 euro signs are fewer chars than the limit but 67,108,866 bytes in UTF-8
            String euros = "\u20ac".repeat(ImageLimits.MAX_STRING_LENGTH / 3 + 1);
            assertThatThrownBy(() -> Record.of("s", euros)).hasMessage("Field 's': a string of 67,108,866 UTF-8 "
                    + "bytes exceeds the limit of 67,108,864 (ImageLimits.MAX_STRING_LENGTH)");
            String smiles = "\uD83D\uDE00".repeat(ImageLimits.MAX_STRING_LENGTH / 4);
            assertThat(Record.of("s", smiles).getString("s")).isSameAs(smiles);
            assertThatThrownBy(() -> Record.of("s", smiles + "\uD83D\uDE00")).hasMessageContaining("67,108,868");
        }

        @Test
        void controlCharactersAndUnpairedSurrogatesAreFineInStringValues() {
            for (String c : CONTROLS) {
                assertThat(Record.of("s", "x" + c + "y").getString("s")).isEqualTo("x" + c + "y");
            }
            assertThat(Record.of("s", "lone \uD800 high, lone \uDC00 low").getString("s")).contains("\uD800");
        }
    }

    @Nested
    class BytesAndCollections {
        @Test
        void aByteArrayOverTheLimitIsRefused() {
            assertThat(Record.of("b", new byte[ImageLimits.MAX_BYTES_LENGTH]).getBytes("b"))
                    .hasSize(ImageLimits.MAX_BYTES_LENGTH);
            assertThatThrownBy(() -> Record.of("blob", new byte[ImageLimits.MAX_BYTES_LENGTH + 1]))
                    .hasMessage("Field 'blob': a byte array of 67,108,865 bytes exceeds the limit of 67,108,864 "
                            + "(ImageLimits.MAX_BYTES_LENGTH)");
        }

        @Test
        void aListOrMapOverTheSizeLimitIsRefusedBeforeItIsCopied() {
            List<Object> hugeList = new AbstractList<>() {
                @Override
                public Object get(int index) {
                    throw new AssertionError("the list must not be read");
                }

                @Override
                public int size() {
                    return ImageLimits.MAX_COLLECTION_SIZE + 1;
                }
            };
            assertThatThrownBy(() -> Record.of("tags", hugeList)).hasMessage("Field 'tags': a list of 16,777,217 "
                    + "elements exceeds the limit of 16,777,216 (ImageLimits.MAX_COLLECTION_SIZE)");
            Map<String, Object> hugeMap = new AbstractMap<>() {
                @Override
                public Set<Entry<String, Object>> entrySet() {
                    return new AbstractSet<>() {
                        @Override
                        public Iterator<Entry<String, Object>> iterator() {
                            throw new AssertionError("the map must not be read");
                        }

                        @Override
                        public int size() {
                            return ImageLimits.MAX_COLLECTION_SIZE + 1;
                        }
                    };
                }
            };
            assertThatThrownBy(() -> Record.of("meta", List.of(hugeMap))).hasMessage("Field 'meta[0]': a map of "
                    + "16,777,217 entries exceeds the limit of 16,777,216 (ImageLimits.MAX_COLLECTION_SIZE)");
        }
    }

    @Nested
    class Decimals {
        @Test
        void scalesWithinTheLimitAreAcceptedAndBeyondItRefused() {
            assertThat(Record.of("d", new BigDecimal("1e100000")).getDecimal("d").scale()).isEqualTo(-100_000);
            assertThat(Record.of("d", new BigDecimal("1e-100000")).getDecimal("d").scale()).isEqualTo(100_000);
            assertThatThrownBy(() -> Record.of("price", new BigDecimal("1e100001")))
                    .hasMessage("Field 'price': a decimal of scale -100,001 (exponent 100,001) exceeds the limit of "
                            + "\u00b1100,000 (ImageLimits.MAX_DECIMAL_SCALE)");
            assertThatThrownBy(() -> Record.of("price", new BigDecimal("1e-100001")))
                    .hasMessageContaining("scale 100,001");
        }

        @Test
        void tenThousandDigitsAreAcceptedAndOneMoreIsRefused() {
            BigInteger nines = BigInteger.TEN.pow(ImageLimits.MAX_DECIMAL_DIGITS).subtract(BigInteger.ONE);
            assertThat(Record.of("d", new BigDecimal(nines.negate(), 100_000)).getDecimal("d").precision())
                    .isEqualTo(10_000);
            assertThatThrownBy(() -> Record.of("d", new BigDecimal(nines.add(BigInteger.ONE))))
                    .hasMessage("Field 'd': a decimal of 10,001 digits exceeds the limit of 10,000 "
                            + "(ImageLimits.MAX_DECIMAL_DIGITS)");
            assertThatThrownBy(() -> Record.of("big", nines.add(BigInteger.ONE)))
                    .hasMessageStartingWith("Field 'big': a decimal of 10,001 digits");
        }

        @Test
        void aHugeDecimalIsRefusedWithoutCountingItsDigits() {
            BigDecimal huge = new BigDecimal(BigInteger.ONE.shiftLeft(10_000_000));
            assertThatThrownBy(() -> Record.of("d", huge))
                    .hasMessage("Field 'd': a decimal of 3,010,300 digits or more exceeds the limit of 10,000 "
                            + "(ImageLimits.MAX_DECIMAL_DIGITS)");
        }
    }

    @Nested
    class Names {
        @Test
        void recordFieldNamesWithControlCharactersAreRefusedAtEveryDepthAndShownEscaped() {
            for (String c : CONTROLS) {
                String name = "a" + c + "b";
                assertThatThrownBy(() -> Record.of(name, 1L)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(String.format("holds the control character U+%04X at index 1",
                                (int) c.charAt(0)))
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(c));
                Map<String, Object> nested = new LinkedHashMap<>();
                nested.put(name, 1L);
                assertThatThrownBy(() -> Record.of("outer", List.of(nested)))
                        .hasMessageStartingWith("Field 'outer[0].a")
                        .hasMessageContaining("the name holds the control character");
                assertThatThrownBy(() -> Record.of("x", 1L).with(name, 2L)).hasMessageContaining("control");
                assertThatThrownBy(() -> Record.of("x", 1L).withAll(Map.of(name, 2L))).hasMessageContaining("control");
            }
            assertThatThrownBy(() -> Record.of("line\nbreak", 1L))
                    .hasMessage("Field 'line\\nbreak': the name holds the control character U+000A at index 4, "
                            + "which names may not hold");
        }

        @Test
        void anEmptyNameAndAnUnpairedSurrogateInANameAreRefused() {
            assertThatThrownBy(() -> Record.of(Map.of("meta", Map.of("", 1L))))
                    .hasMessage("Field 'meta': a field name is empty: a name needs at least one character");
            assertThatThrownBy(() -> Record.of("lone \uD800", 1L))
                    .hasMessage("Field 'lone \\ud800': the name holds an unpaired surrogate U+D800 at index 5, "
                            + "which names may not hold (JSON and CBOR cannot carry it in a name)");
            assertThatThrownBy(() -> Record.of("\uDC00\uD800", 1L)).hasMessageContaining("unpaired surrogate U+DC00");
            assertThat(Record.of("pair \uD83D\uDE00 and $dollar", 1L)).hasSize(1);
        }

        @Test
        void aNameOfTheLimitInUtf8BytesIsAcceptedAndOneMoreByteIsRefused() {
            String ascii = "n".repeat(ImageLimits.MAX_NAME_LENGTH);
            String smiles = "\uD83D\uDE00".repeat(ImageLimits.MAX_NAME_LENGTH / 4);
            assertThat(Record.of(ascii, 1L, smiles, 2L)).hasSize(2);
            assertThat(TableSpec.named(smiles).primaryKey(ascii).index(smiles).name()).isEqualTo(smiles);
            assertThatThrownBy(() -> Record.of(ascii + "n", 1L)).hasMessageEndingWith("the name has 65,537 UTF-8 "
                    + "bytes, over the limit of 65,536 (ImageLimits.MAX_NAME_LENGTH)")
                    .hasMessageStartingWith("Field 'nnnnn").hasMessageContaining("... (65,537 chars)");
            assertThatThrownBy(() -> Record.of(smiles + "\u00e9", 1L)).hasMessageContaining("65,538 UTF-8 bytes");
        }

        @Test
        void tableSchemaAndIndexNamesFollowTheSameRule() {
            assertThatThrownBy(() -> TableSpec.named("users\u001b[2J"))
                    .hasMessage("Table name 'users\\u001b[2J' holds the control character U+001B at index 5, which "
                            + "names may not hold");
            assertThatThrownBy(() -> TableSpec.named("users").primaryKey("id\u0000"))
                    .hasMessage("Primary key of table 'users': 'id\\u0000' holds the control character U+0000 at "
                            + "index 2, which names may not hold");
            assertThatThrownBy(() -> TableSpec.named("users").index("na\nme"))
                    .hasMessageStartingWith("Index field of table 'users': 'na\\nme' holds the control character");
            assertThatThrownBy(() -> Schema.builder().field("a\u007f", FieldType.ANY))
                    .hasMessageStartingWith("Schema field 'a\\u007f' holds the control character U+007F");
            assertThatThrownBy(() -> Schema.builder().optional("\uD800", FieldType.ANY))
                    .hasMessageContaining("unpaired surrogate");
            assertThatThrownBy(() -> new TableDefinition("t\n", "id", null, List.of()))
                    .hasMessageStartingWith("Table name 't\\n' holds");
            assertThatThrownBy(() -> new TableDefinition("t", "", null, List.of()))
                    .hasMessage("Primary key of table 't': '' is empty: a name needs at least one character");
            assertThatThrownBy(() -> new IndexDefinition("i\u0085", IndexType.HASH))
                    .hasMessageStartingWith("Index field 'i\\u0085' holds the control character U+0085");
            assertThatThrownBy(() -> ValueRule.checkName("Table name", null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("Table name must not be null");
            assertThat(ValueRule.checkName("Table name", "$orders \uD83D\uDE00")).isEqualTo("$orders \uD83D\uDE00");
        }
    }

    @Nested
    class Cycles {
        @Test
        void aMapThatContainsItselfIsReportedAsACycle() {
            Map<String, Object> self = new HashMap<>();
            self.put("self", self);
            assertThatThrownBy(() -> Record.of(self)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Field 'self': a map or list that contains itself (a cycle back to the value itself)");
        }

        @Test
        void aCycleDeeperInsideNamesThePathAndWhereItLeadsBack() {
            Map<String, Object> a = new LinkedHashMap<>();
            Map<String, Object> b = new LinkedHashMap<>();
            a.put("b", b);
            b.put("back", List.of("x", a));
            assertThatThrownBy(() -> Record.of("doc", Map.of("a", a)))
                    .hasMessage("Field 'doc.a.b.back[1]': a map or list that contains itself (a cycle back to "
                            + "'doc.a')");
            assertThatThrownBy(() -> Values.canonical("doc", a))
                    .hasMessage("Field 'doc.b.back[1]': a map or list that contains itself (a cycle back to 'doc')");
        }

        @Test
        void aListThatContainsItselfIsReportedAsACycle() {
            List<Object> list = new ArrayList<>();
            list.add(1L);
            list.add(list);
            assertThatThrownBy(() -> Record.of("l", list))
                    .hasMessage("Field 'l[1]': a map or list that contains itself (a cycle back to 'l')");
        }

        @Test
        void deepNestingWithoutACycleIsStillReportedAsDepth() {
            Object deep = "leaf";
            for (int i = 0; i <= Values.MAX_DEPTH; i++) {
                deep = List.of(deep);
            }
            Object tooDeep = deep;
            assertThatThrownBy(() -> Record.of("x", tooDeep))
                    .hasMessageEndingWith("lists and maps nest deeper than 256 levels");
        }
    }
}

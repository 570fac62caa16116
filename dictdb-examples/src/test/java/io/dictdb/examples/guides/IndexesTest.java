package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dictdb.IndexType;

/** Runs the blocks of docs/indexes.md; the plans printed there are the ones checked here. */
class IndexesTest {

    @Test
    void thePlansAreTheOnesTheGuideShows() {
        Map<String, String> r = Indexes.plans();
        assertThat(r.get("equality")).isEqualTo("""
                Plan for table 'users': index, candidates=2500, examined=2500, returned=2500
                  HASH index on 'dept' for dept == 'HR': 2500 candidates""");
        assertThat(r.get("range")).isEqualTo("""
                Plan for table 'users': index, candidates=334, examined=334, returned=334
                  SORTED index on 'age' for age between 20 and 21: 334 candidates""");
        assertThat(r.get("both")).isEqualTo("""
                Plan for table 'users': index, candidates=100, examined=100, returned=34
                  filter: age < 30
                    <- intersect, smallest first: 100 candidates
                      <- HASH index on 'city' for city == 'city7': 100 candidates
                      <- SORTED index on 'age' for age < 30: more than 50 candidates, tested on the smaller set \
                instead""");
        assertThat(r.get("either")).isEqualTo("""
                Plan for table 'users': index, candidates=200, examined=200, returned=200
                  union: 200 candidates
                    <- HASH index on 'city' for city == 'city7': 100 candidates
                    <- HASH index on 'city' for city == 'city8': 100 candidates""");
        assertThat(r.get("topK")).isEqualTo("""
                Plan for table 'users': index, candidates=166, examined=166, returned=5, ordered by index
                  SORTED index on 'age' walked descending for the first 5: 166 candidates""");
        assertThat(r.get("scan")).isEqualTo("""
                Plan for table 'users': full scan, candidates=10000, examined=10000, returned=100
                  filter: name ends_with '99'
                    <- scan: every record (10000)""");
        assertThat(r.get("key")).isEqualTo("""
                Plan for table 'users': index, candidates=1, examined=1, returned=1
                  primary key 'id' for id == 42: 1 candidates""");
        assertThat(r.get("served")).isEqualTo("[city, age]");
        assertThat(r.get("scanned")).isEqualTo("true");
    }

    @Test
    void manage() {
        Map<String, Object> r = Indexes.manage();
        assertThat(r.get("indexed")).isEqualTo(List.of("dept", "age", "city"));
        assertThat(r.get("type")).isEqualTo(IndexType.HASH);
        assertThat(r.get("distinct")).isEqualTo(4L);
        assertThat(r.get("still")).isEqualTo(false);
    }

    @Test
    void compositeUniqueElementsAndStatistics() {
        Map<String, Object> r = Indexes.specs();
        assertThat(r.get("young")).isEqualTo("""
                Plan for table 'users': index, candidates=334, examined=334, returned=334
                  filter: age between 30 and 34
                    <- SORTED index on 'dept+age' for (dept == 'IT' and age between 30 and 34): 334 candidates""");
        assertThat(r.get("oldest")).isEqualTo("""
                Plan for table 'users': index, candidates=166, examined=166, returned=3, ordered by index
                  filter: dept == 'IT'
                    <- SORTED index on 'dept+age' walked descending for the first 3: 166 candidates""");
        assertThat(r.get("admins")).isEqualTo("""
                Plan for table 'users': index, candidates=100, examined=100, returned=100
                  ELEMENTS index on 'tags[]' for tags has 'admin': 100 candidates""");
        assertThat(r.get("byName")).isEqualTo("""
                Plan for table 'users': index, candidates=1, examined=1, returned=1
                  filter: deleted is null
                    <- HASH index on 'name' for name == 'user7': 1 candidates""");
        assertThat(r.get("slow")).isEqualTo("""
                Plan for table 'users': full scan, candidates=10001, examined=10001, returned=1
                  suggestion: consider IndexSpec.hash("name")
                    <- filter: name == 'user42'
                      <- scan: every record (10001)""");
        assertThat(r.get("tags")).isEqualTo("1/100");
        assertThat(r.get("scans")).isEqualTo(1L);
        assertThat(r.get("indexes")).isEqualTo(List.of("dept", "age", "city", "dept+age", "name", "tags[]"));
        assertThat(r.get("named")).isEqualTo(2);
    }
}

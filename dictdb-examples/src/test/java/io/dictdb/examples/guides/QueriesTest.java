package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.dictdb.Record;
import io.dictdb.UpsertResult;

/** Runs the blocks of docs/queries.md and checks what their comments and the guide say. */
class QueriesTest {

    @SuppressWarnings("unchecked")
    private static List<String> names(Object records) {
        return ((List<Record>) records).stream().map(r -> r.getString("name")).toList();
    }

    @Test
    void reads() {
        Map<String, Object> r = Queries.reads();
        assertThat(r.get("one")).isEqualTo("Alice");
        assertThat(names(r.get("it"))).containsExactly("Alice", "Carol");
        assertThat(names(r.get("everyone"))).containsExactly("Alice", "Bob", "Carol", "Dan");
        assertThat(r.get("adults")).isEqualTo(3L);
    }

    @Test
    void everyOperatorSelectsWhatTheGuideShows() {
        assertThat(Queries.operators()).containsExactly(
                "age == 30 -> [Alice]",
                "age != 30 -> [Bob, Carol, Dan]",
                "age < 25 -> [Dan]",
                "age <= 25 -> [Bob, Dan]",
                "age > 40 -> [Carol]",
                "age >= 41 -> [Carol]",
                "age between 18 and 30 -> [Alice, Bob]",
                "dept in [IT, HR] -> [Alice, Bob, Carol]",
                "dept not in [IT, HR] -> [Dan]",
                "name like '_a%' -> [Carol, Dan]",
                "name ilike 'A%' -> [Alice]",
                "name starts_with 'Ca' -> [Carol]",
                "name ends_with 'n' -> [Dan]",
                "name contains 'li' -> [Alice]",
                "name iequals 'BOB' -> [Bob]",
                "name istarts_with 'al' -> [Alice]",
                "name iends_with 'OL' -> [Carol]",
                "name icontains 'AR' -> [Carol]",
                "email is null -> [Bob, Dan]",
                "email is not null -> [Alice, Carol]",
                "email matches /\\.org$/ -> [Carol]",
                "matching(predicate) -> [Bob, Dan]",
                "(dept == 'IT' and age < 35) -> [Alice]",
                "(dept == 'HR' or age < 18) -> [Bob, Dan]",
                "not (dept == 'IT') -> [Bob, Dan]",
                "(dept == 'IT' and age > 35) -> [Carol]",
                "not (dept == 'IT') -> [Bob, Dan]");
    }

    @Test
    void neAndNotInWantAValueWhileNotEqMatchesMissingFields() {
        Map<String, List<String>> r = Queries.missingFields();
        assertThat(r.get("ne")).containsExactly("Carol");
        assertThat(r.get("notIn")).containsExactly("Carol");
        assertThat(r.get("notEq")).containsExactly("Bob", "Carol", "Dan");
    }

    @Test
    void fluentQueries() {
        Map<String, Object> r = Queries.fluent();
        assertThat(r.get("page")).isEqualTo(List.of("Alice", "Bob"));
        assertThat(r.get("projected").toString())
                .isEqualTo("[{name=Alice, dept=IT}, {name=Bob, dept=HR}, {name=Carol, dept=IT}, {name=Dan, dept=Sales}]");
        assertThat(r.get("renamed").toString()).isEqualTo("[{who=Bob}]");
        assertThat(r.get("depts").toString()).isEqualTo("[{dept=HR}, {dept=IT}, {dept=Sales}]");
        assertThat(r.get("oldest")).isEqualTo("Carol");
        assertThat(r.get("itCount")).isEqualTo(2L);
    }

    @Test
    void keysetPagesCoverTheTableOnce() {
        assertThat(Queries.keyset()).containsExactly(List.of("Dan", "Bob"), List.of("Alice", "Carol"));
    }

    @Test
    void aStreamYieldsThePickedRecordsProjected() {
        assertThat(Queries.streamed().get("adults")).isEqualTo(List.of("Alice (IT)", "Bob (HR)", "Carol (IT)"));
    }

    @Test
    void writes() {
        Map<String, Object> r = Queries.writes();
        assertThat(r).containsEntry("moved", 1).containsEntry("older", 2).containsEntry("capped", 1)
                .containsEntry("added", UpsertResult.Action.INSERTED)
                .containsEntry("merged", UpsertResult.Action.UPDATED)
                .containsEntry("kept", UpsertResult.Action.IGNORED)
                .containsEntry("removed", 1).containsEntry("all", 4).containsEntry("none", 0);
    }

    @Test
    void updateAndDeleteThrowWhenNothingMatchesWhileDeleteAllReturnsZero() {
        Map<String, String> r = Queries.notFound();
        assertThat(r.get("update")).isEqualTo("No record in table 'empty' matches all");
        assertThat(r.get("delete")).isEqualTo("No record in table 'empty' matches all");
        assertThat(r.get("deleteAll")).isEqualTo("0");
    }
}

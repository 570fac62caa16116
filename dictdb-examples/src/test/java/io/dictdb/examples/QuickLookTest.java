package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the Quick look and checks what it printed, step by step. */
class QuickLookTest {

    private static Printed printed;
    private static List<String> lines;

    @BeforeAll
    static void runTheExample() throws Exception {
        printed = Printed.by(QuickLook::run);
        lines = printed.lines;
    }

    private static String line(String prefix) {
        return printed.line(prefix);
    }

    @Test
    void createsTheTableWithAutoIncrementKeys() {
        assertThat(lines.get(0)).isEqualTo("DictDB quick look");
        assertThat(line("Created table")).isEqualTo("Created table users with primary key id");
        assertThat(line("Inserted")).isEqualTo("Inserted Alice (key 1) and Bob (key 2)");
    }

    @Test
    void createsBothIndexes() {
        assertThat(line("Indexes:")).contains("dept (HASH)", "age (SORTED)");
    }

    @Test
    void selectsTheItUser() {
        assertThat(line("select dept == 'IT'")).isEqualTo("select dept == 'IT': [#1 Alice, 30, IT]");
    }

    @Test
    void filtersAndOrders() {
        assertThat(line("select (age >= 18 and not (dept == 'HR'))"))
                .endsWith("order by -age, name limit 10: [#1 Alice, 30, IT]");
    }

    @Test
    void aggregates() {
        assertThat(line("count and average age")).isEqualTo("count and average age: n=2, avg_age=27.5");
        assertThat(line("count per department")).isEqualTo("count per department: [{dept=IT, n=1}, {dept=HR, n=1}]");
    }

    @Test
    void updates() {
        assertThat(line("update dept to Ops")).endsWith(": 1 record(s)");
        assertThat(line("atomic age + 1")).endsWith(": 1 record(s)");
        assertThat(line("users now")).isEqualTo("users now: [#1 Alice, 31, IT; #2 Bob, 25, Ops]");
    }

    @Test
    void savesAndLoadsBackTheSameUsersAndIndexes() {
        assertThat(line("saved to data.json and loaded back: "))
                .startsWith("saved to data.json and loaded back: [#1 Alice, 31, IT; #2 Bob, 25, Ops], indexes ")
                .contains("dept", "age");
    }
}

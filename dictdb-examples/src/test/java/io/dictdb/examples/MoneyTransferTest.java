package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Runs the money transfer: the failed transfers leave no trace, the successful one moves the money. */
class MoneyTransferTest {

    @Test
    void failedTransfersAreUndoneWholeAndTheSuccessfulOneMovesTheMoney() {
        Map<String, Object> r = MoneyTransfer.transfers();
        assertThat(r.get("refused")).isEqualTo("insufficient funds: ann has 70");
        assertThat(r.get("failed")).isEqualTo("No record in table 'accounts' matches owner == 'carl'");
        assertThat(r.get("ann")).isEqualTo(70L);
        assertThat(r.get("ben")).isEqualTo(30L);
        assertThat(r.get("transfers")).isEqualTo(1L);
        // two tables, two accounts, then the one transfer's three writes: the failed ones took no number
        assertThat(r.get("sequence")).isEqualTo(7L);
    }

    @Test
    void printsTheBalances() throws Exception {
        Printed printed = Printed.by(MoneyTransfer::run);
        assertThat(printed.line("Balances: ")).isEqualTo("Balances: ann=70 ben=30");
        assertThat(printed.line("Transfers recorded: ")).isEqualTo("Transfers recorded: 1");
    }
}

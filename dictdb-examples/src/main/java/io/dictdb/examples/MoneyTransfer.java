package io.dictdb.examples;

import io.dictdb.*;
import io.dictdb.core.DictDB;
import java.io.PrintStream;
import java.util.*;
import static io.dictdb.query.Conditions.*;

/**
 * Python DictDB's "Transactions &amp; ACID": money moves between two accounts, both balances change or neither. A
 * transfer is one {@link Database#transaction} over the accounts and the transfers' ledger: it debits, checks, credits
 * and records. A transfer that fails half-way, after the debit (insufficient funds, or a credit to an account that
 * does not exist), leaves both balances and the ledger as they were; a successful one moves the money.
 */
public final class MoneyTransfer {

    private MoneyTransfer() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    // README:begin transfer
    /** Moves {@code amount} from one account to another: all of it happens, or none of it. */
    static void transfer(Database db, String from, String to, long amount) {
        Table accounts = db.table("accounts");
        Table transfers = db.table("transfers");
        db.transaction(List.of("accounts", "transfers"), () -> {     // both write locks, in name order
            accounts.update(a -> a.with("balance", a.getLong("balance") - amount), field("owner").eq(from));
            long left = accounts.get(from).orElseThrow().getLong("balance");  // the block sees its own writes
            if (left < 0) {
                throw new IllegalStateException("insufficient funds: " + from + " has " + (left + amount));
            }
            accounts.update(a -> a.with("balance", a.getLong("balance") + amount), field("owner").eq(to));
            transfers.insert(Map.of("from", from, "to", to, "amount", amount));
        });                                      // a throw anywhere above undoes every write before it
    }
    // README:end transfer

    /**
     * Three transfers: one that succeeds, one refused after the debit, one whose credit fails after the debit.
     *
     * @return the balances and the ledger after each step, and the refusals, by name
     */
    static Map<String, Object> transfers() {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin transfers
        DictDB db = DictDB.create();
        Table accounts = db.createTable("accounts", "owner");
        db.createTable("transfers");
        accounts.insertAll(List.of(Map.of("owner", "ann", "balance", 100), Map.of("owner", "ben", "balance", 0)));

        transfer(db, "ann", "ben", 30);                      // ann 70, ben 30, one transfer recorded
        String refused = null;
        try {
            transfer(db, "ann", "ben", 500);                 // debited, then refused: the debit is undone
        } catch (IllegalStateException e) {
            refused = e.getMessage();                        // insufficient funds: ann has 70
        }
        String failed = null;
        try {
            transfer(db, "ann", "carl", 10);                 // debited, then the credit finds no account
        } catch (RecordNotFoundException e) {
            failed = e.getMessage();                         // No record in table 'accounts' matches owner == 'carl'
        }
        long ann = accounts.get("ann").orElseThrow().getLong("balance");   // 70: neither failure left a trace
        long ben = accounts.get("ben").orElseThrow().getLong("balance");   // 30
        long recorded = db.table("transfers").count();                     // 1
        // README:end transfers
        r.put("refused", refused);
        r.put("failed", failed);
        r.put("ann", ann);
        r.put("ben", ben);
        r.put("transfers", recorded);
        r.put("sequence", db.sequence());
        return r;
    }

    /**
     * Runs the transfers and prints what each left.
     *
     * @param out where to print
     */
    static void run(PrintStream out) {
        Map<String, Object> r = transfers();
        out.println("Refused: " + r.get("refused"));
        out.println("Failed: " + r.get("failed"));
        out.println("Balances: ann=" + r.get("ann") + " ben=" + r.get("ben"));
        out.println("Transfers recorded: " + r.get("transfers"));
        out.println("Sequence: " + r.get("sequence"));
    }
}

package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.Record;
import io.dictdb.core.DictDB;
import java.math.BigDecimal;
import java.util.*;
import static io.dictdb.query.Conditions.*;
import static io.dictdb.query.Aggregates.*;

/** The blocks of docs/aggregations.md. */
public final class Aggregations {

    private Aggregations() {
    }

    /**
     * One row of aggregates, default names and aliases.
     *
     * @return the rows, by name
     */
    static Map<String, Object> rows() {
        // README:begin aggregations-rows
        Database db = DictDB.create();
        Table orders = db.createTable("orders");
        orders.insertAll(List.of(
                Map.of("customer", "ada", "qty", 2, "price", new BigDecimal("9.50"), "shipped", true),
                Map.of("customer", "bob", "qty", 1, "price", new BigDecimal("20.00"), "shipped", false),
                Map.of("customer", "ada", "qty", 5, "price", new BigDecimal("3.10"), "shipped", true),
                Map.of("customer", "cyd", "qty", 3, "price", new BigDecimal("7.25"))));       // no "shipped"

        Record totals = orders.query().aggregate(count(), count("shipped"), sum("qty"), avg("qty"),
                min("price"), max("price"), sum("price"));
        // {count=4, count_shipped=3, sum_qty=11, avg_qty=2.75, min_price=3.10, max_price=20.00, sum_price=39.85}
        long n = totals.getLong("count");              // the default names: count, count_<field>, sum_<field>, ...
        Record named = orders.query().where(field("shipped").eq(true))
                .aggregate(count().as("orders"), sum("qty").as("units"));   // {orders=2, units=7}
        Record nothing = orders.query().where(field("qty").gt(100)).aggregate(count(), sum("qty"));
        // {count=0, sum_qty=null}: the sum and mean of nothing are null, the count of nothing is 0
        // README:end aggregations-rows
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("totals", totals);
        r.put("n", n);
        r.put("named", named);
        r.put("nothing", nothing);
        return r;
    }

    /**
     * Aggregates per group.
     *
     * @return the groups, by name
     */
    static Map<String, Object> groups() {
        // README:begin aggregations-groups
        Database db = DictDB.create();
        Table orders = db.createTable("orders");
        orders.insertAll(List.of(
                Map.of("customer", "ada", "qty", 2, "region", "EU"),
                Map.of("customer", "bob", "qty", 1, "region", "US"),
                Map.of("customer", "ada", "qty", 5, "region", "EU"),
                Map.of("customer", "cyd", "qty", 3, "region", "EU")));
        List<Record> perCustomer = orders.query().groupBy("customer")
                .aggregateGroups(count(), sum("qty").as("units"));
        // [{customer=ada, count=2, units=7}, {customer=bob, count=1, units=1}, {customer=cyd, count=1, units=3}]
        List<Record> perRegion = orders.query().where(field("qty").gte(2))
                .groupBy("region", "customer").orderBy("-customer")
                .aggregateGroups(max("qty"));
        // [{region=EU, customer=cyd, max_qty=3}, {region=EU, customer=ada, max_qty=5}]
        // README:end aggregations-groups
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("perCustomer", perCustomer);
        r.put("perRegion", perRegion);
        return r;
    }

    /**
     * The result types of sum and avg.
     *
     * @return the sums and means, by name
     */
    static Map<String, Object> types() {
        // README:begin aggregations-types
        Database db = DictDB.create();
        Table t = db.createTable("t");
        t.insertAll(List.of(Map.of("l", Long.MAX_VALUE, "d", 0.5, "m", 1), Map.of("l", 1, "d", 1, "m", 2.5)));
        Record r = t.query().aggregate(sum("l"), sum("d"), avg("m"));
        Object big = r.get("sum_l");      // BigDecimal 9223372036854775808: a Long sum that overflows
        Object mixed = r.get("sum_d");    // Double 1.5: a Double among the values makes a Double
        Object mean = r.get("avg_m");     // Double 1.75
        // README:end aggregations-types
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("big", big);
        out.put("mixed", mixed);
        out.put("mean", mean);
        return out;
    }
}

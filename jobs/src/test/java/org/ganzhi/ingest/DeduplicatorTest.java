package org.ganzhi.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Copies of a record key in one delivery, on hand-made parsed rows: which copy is kept, how the
 * others are numbered, conflicts, rejected rows, deliveries and null key parts.
 */
class DeduplicatorTest extends SparkTestBase {
    /** The contract's columns in file order: two numbers of one type that may be empty, as bytes_up and bytes_down. */
    private static final List<String> COLUMNS = List.of("id", "up", "down", "cell");
    private static final List<String> KEY = List.of("id", IngestJob.DELIVERY_DATE);

    /** Parsed rows: (id, up, down, cell, delivery_date, reason, detail, file); accepted rows have a null reason. */
    private Dataset<Row> parsed(String values) {
        return spark.sql("""
                SELECT CAST(id AS STRING) id, CAST(up AS BIGINT) up, CAST(down AS BIGINT) down, CAST(cell AS STRING) cell,
                       CAST(dd AS DATE) %s, CAST(reason AS STRING) %s, CAST(detail AS STRING) %s,
                       CAST(raw AS STRING) %s, CAST(file AS STRING) %s
                FROM VALUES %s AS t(id, up, down, cell, dd, reason, detail, raw, file)"""
                .formatted(IngestJob.DELIVERY_DATE, ContractParser.REASON, ContractParser.DETAIL, ContractParser.RAW_RECORD,
                        LandingReader.FILE, values));
    }

    /** "id|file|reason|copy" of every row, sorted. */
    private static List<String> outcome(Dataset<Row> numbered) {
        return numbered.collectAsList().stream().map(r -> r.getAs("id") + "|" + r.getAs(LandingReader.FILE) + "|"
                + r.getAs(ContractParser.REASON) + "|" + r.getAs(Deduplicator.COPY)).sorted().toList();
    }

    @Test
    void exactCopiesAreNumberedInFileOrderAndTheFirstFileKeepsCopyOne() {
        Dataset<Row> input = parsed("""
                ('a', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'landing/x/dt=2026-11-03/c.csv'),
                ('a', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'landing/x/dt=2026-11-03/a.csv'),
                ('a', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'landing/x/dt=2026-11-03/b.csv'),
                ('b', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'landing/x/dt=2026-11-03/c.csv')""");
        assertEquals(List.of(
                        "a|landing/x/dt=2026-11-03/a.csv|null|1",
                        "a|landing/x/dt=2026-11-03/b.csv|null|2",
                        "a|landing/x/dt=2026-11-03/c.csv|null|3",
                        "b|landing/x/dt=2026-11-03/c.csv|null|1"),
                outcome(Deduplicator.numberCopies(input, KEY, COLUMNS)),
                "exact copies are duplicates, not rejects: copy 1 is kept, 2 and 3 are dropped and counted");
    }

    @Test
    void theKeptCopyIsTheSameWhateverTheOrderAndPartitioningOfTheInput() {
        Dataset<Row> input = parsed("""
                ('a', 10, NULL, 'c1', '2026-11-03', NULL, NULL, NULL, 'f3'),
                ('a', 10, NULL, 'c1', '2026-11-03', NULL, NULL, NULL, 'f1'),
                ('b', 7, 8, 'c2', '2026-11-03', NULL, NULL, NULL, 'f2'),
                ('a', 10, NULL, 'c1', '2026-11-03', NULL, NULL, NULL, 'f2'),
                ('b', 7, 8, 'c2', '2026-11-03', NULL, NULL, NULL, 'f1'),
                ('c', 1, 1, 'c3', '2026-11-03', NULL, NULL, NULL, 'f3')""");
        List<String> expected = List.of("a|f1|null|1", "a|f2|null|2", "a|f3|null|3", "b|f1|null|1", "b|f2|null|2", "c|f3|null|1");
        assertEquals(expected, outcome(Deduplicator.numberCopies(input, KEY, COLUMNS)));
        assertEquals(expected, outcome(Deduplicator.numberCopies(input.orderBy(col(LandingReader.FILE).desc()).repartition(3),
                KEY, COLUMNS)), "a rerun reading the files in another order keeps the same copies");
        assertEquals(expected, outcome(Deduplicator.numberCopies(input.orderBy(col(LandingReader.FILE)).coalesce(1),
                KEY, COLUMNS)));
    }

    @Test
    void copiesWithOtherValuesAreAllQuarantinedAsAConflictWithTheirTypedRecord() {
        // a: an exact pair and a third version with another cell; d: an exact pair only.
        Dataset<Row> input = parsed("""
                ('a', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'f1'),
                ('a', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'f2'),
                ('a', 10, 20, 'c9', '2026-11-03', NULL, NULL, NULL, 'f1'),
                ('d', 1, NULL, 'c1', '2026-11-03', NULL, NULL, NULL, 'f1'),
                ('d', 1, NULL, 'c1', '2026-11-03', NULL, NULL, NULL, 'f2')""");
        Dataset<Row> numbered = Deduplicator.numberCopies(input, KEY, COLUMNS);
        assertEquals(List.of("a|f1|CONFLICTING_DUPLICATE|null", "a|f1|CONFLICTING_DUPLICATE|null",
                        "a|f2|CONFLICTING_DUPLICATE|null", "d|f1|null|1", "d|f2|null|2"), outcome(numbered),
                "every version of a conflicting key is quarantined, none is numbered (so none reaches silver)");
        List<Row> conflicts = numbered.where(col("id").equalTo("a")).orderBy(col("cell"), col(LandingReader.FILE)).collectAsList();
        assertEquals("another copy of this record key (id, delivery_date) in the delivery has other values; every version is kept here",
                conflicts.get(0).getAs(ContractParser.DETAIL));
        assertEquals("{\"id\":\"a\",\"up\":10,\"down\":20,\"cell\":\"c1\"}", conflicts.get(0).getAs(ContractParser.RAW_RECORD));
        assertEquals("{\"id\":\"a\",\"up\":10,\"down\":20,\"cell\":\"c9\"}", conflicts.get(2).getAs(ContractParser.RAW_RECORD),
                "each version keeps its own values");
        Row exact = numbered.where("id = 'd'").orderBy(LandingReader.FILE).first();
        assertNull(exact.getAs(ContractParser.DETAIL));
        assertNull(exact.getAs(ContractParser.RAW_RECORD), "an accepted copy carries no raw record");
    }

    @Test
    void aValueThatMovedToAnotherColumnIsAConflictNotAnExactCopy() {
        // The same 500 bytes, once as bytes up and once as bytes down: two different records.
        Dataset<Row> input = parsed("""
                ('a', 500, NULL, 'c1', '2026-11-03', NULL, NULL, NULL, 'f1'),
                ('a', NULL, 500, 'c1', '2026-11-03', NULL, NULL, NULL, 'f2'),
                ('b', NULL, NULL, 'c1', '2026-11-03', NULL, NULL, NULL, 'f2'),
                ('b', NULL, NULL, 'c1', '2026-11-03', NULL, NULL, NULL, 'f1')""");
        assertEquals(List.of("a|f1|CONFLICTING_DUPLICATE|null", "a|f2|CONFLICTING_DUPLICATE|null", "b|f1|null|1", "b|f2|null|2"),
                outcome(Deduplicator.numberCopies(input, KEY, COLUMNS)),
                "copies whose empty values sit in other columns differ; copies empty in the same columns are exact");
    }

    @Test
    void rejectedRowsAreNeverNumberedNorCountedAsCopiesOfACleanRow() {
        // e: a rejected row that would sort first (empty up) and a clean row with other values: the clean row
        // is kept, not dropped as a copy nor quarantined as a conflict. f: two rejected versions keep their reasons.
        Dataset<Row> input = parsed("""
                ('e', NULL, 20, 'c1', '2026-11-03', 'BAD_MSISDN', 'column msisdn: bad', '{"id":"e"}', 'f0'),
                ('e', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'f1'),
                ('f', 1, 1, 'c1', '2026-11-03', 'OUT_OF_RANGE', 'column up: bad', '{"id":"f"}', 'f1'),
                ('f', 2, 1, 'c1', '2026-11-03', 'BAD_NUMBER', 'column up: bad', '{"id":"f"}', 'f1')""");
        Dataset<Row> numbered = Deduplicator.numberCopies(input, KEY, COLUMNS);
        assertEquals(List.of("e|f0|BAD_MSISDN|null", "e|f1|null|1", "f|f1|BAD_NUMBER|null", "f|f1|OUT_OF_RANGE|null"),
                outcome(numbered));
        Row rejected = numbered.where("id = 'e' AND up IS NULL").first();
        assertEquals("column msisdn: bad", rejected.getAs(ContractParser.DETAIL), "a reject keeps its own detail");
        assertEquals("{\"id\":\"e\"}", rejected.getAs(ContractParser.RAW_RECORD), "and its raw record as delivered");
    }

    @Test
    void theSameRecordInTwoDeliveriesIsNoDuplicateWithinADelivery() {
        Dataset<Row> input = parsed("""
                ('a', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'landing/x/dt=2026-11-03/p.csv'),
                ('a', 10, 20, 'c1', '2026-11-04', NULL, NULL, NULL, 'landing/x/dt=2026-11-04/p.csv'),
                ('a', 10, 21, 'c1', '2026-11-05', NULL, NULL, NULL, 'landing/x/dt=2026-11-05/p.csv')""");
        assertEquals(List.of("a|landing/x/dt=2026-11-03/p.csv|null|1", "a|landing/x/dt=2026-11-04/p.csv|null|1",
                        "a|landing/x/dt=2026-11-05/p.csv|null|1"), outcome(Deduplicator.numberCopies(input, KEY, COLUMNS)),
                "the delivery date is part of the key: other deliveries' copies are neither duplicates nor conflicts here");
        assertEquals(List.of("a|landing/x/dt=2026-11-03/p.csv|CONFLICTING_DUPLICATE|null",
                        "a|landing/x/dt=2026-11-04/p.csv|CONFLICTING_DUPLICATE|null",
                        "a|landing/x/dt=2026-11-05/p.csv|CONFLICTING_DUPLICATE|null"),
                outcome(Deduplicator.numberCopies(input, List.of("id"), COLUMNS)), "without it they are one record");
    }

    @Test
    void aNullKeyPartIsOneKeyValueOfItsOwn() {
        // Files outside a dt= folder have no delivery date: their copies are still copies of each other,
        // but not of the same record in a dated delivery.
        Dataset<Row> input = parsed("""
                ('a', 10, 20, 'c1', NULL, NULL, NULL, NULL, 'f2'),
                ('a', 10, 20, 'c1', NULL, NULL, NULL, NULL, 'f1'),
                ('a', 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'f3'),
                (NULL, 10, 20, 'c1', '2026-11-03', NULL, NULL, NULL, 'f4')""");
        assertEquals(List.of("a|f1|null|1", "a|f2|null|2", "a|f3|null|1", "null|f4|null|1"),
                outcome(Deduplicator.numberCopies(input, KEY, COLUMNS)));
    }
}

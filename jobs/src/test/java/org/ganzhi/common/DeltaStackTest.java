package org.ganzhi.common;

import io.delta.tables.DeltaTable;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the pinned Spark 4.1.0 / delta-spark_4.1 4.4.0 pair: the operations the pipeline relies
 * on (MERGE, ALTER TABLE, OPTIMIZE, replaceWhere, time travel) run and give the right rows.
 * Delta 4.1.0/4.2.0 crash on ALTER/OPTIMIZE with Spark >= 4.1.2; this test catches such a pair.
 */
class DeltaStackTest extends SparkTestBase {

    @Test
    void mergeAlterOptimizeAndReplaceWhereWork() {
        String path = tmp.resolve("stack").toString();
        spark.sql("CREATE TABLE delta.`" + path + "` (id INT, status STRING, day DATE) USING delta PARTITIONED BY (day)");
        spark.sql("INSERT INTO delta.`" + path + "` VALUES (1, 'OPEN', DATE'2026-11-01'), (2, 'OPEN', DATE'2026-11-01')");
        spark.sql("INSERT INTO delta.`" + path + "` VALUES (3, 'OPEN', DATE'2026-11-02')");

        DeltaTable.forPath(spark, path).as("t")
                .merge(spark.sql("SELECT 2 AS id, 'RESOLVED' AS status, DATE'2026-11-01' AS day UNION ALL "
                        + "SELECT 4, 'OPEN', DATE'2026-11-02'").as("s"), "t.id = s.id")
                .whenMatched().updateAll().whenNotMatched().insertAll().execute();
        assertEquals("RESOLVED", sql("SELECT status FROM delta.`" + path + "` WHERE id = 2").get(0).getString(0));
        assertEquals(4L, scalarLong("SELECT count(*) FROM delta.`" + path + "`"));

        spark.sql("ALTER TABLE delta.`" + path + "` ADD COLUMNS (note STRING COMMENT 'free text')");
        spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('delta.appendOnly' = 'false')");
        spark.sql("ALTER TABLE delta.`" + path + "` ADD CONSTRAINT id_positive CHECK (id > 0)");
        assertTrue(java.util.List.of(spark.read().format("delta").load(path).columns()).contains("note"));

        long filesBefore = numFiles(path);
        spark.sql("OPTIMIZE delta.`" + path + "`");
        long filesAfter = numFiles(path);
        assertTrue(filesAfter < filesBefore, "OPTIMIZE compacts " + filesBefore + " files into " + filesAfter);
        assertEquals(2L, filesAfter, "one file per day partition after OPTIMIZE");

        spark.sql("SELECT 9 AS id, 'OPEN' AS status, DATE'2026-11-02' AS day, CAST(NULL AS STRING) AS note")
                .write().format("delta").mode("overwrite").option("replaceWhere", "day = DATE'2026-11-02'").save(path);
        assertEquals(3L, scalarLong("SELECT count(*) FROM delta.`" + path + "`"), "day 1 kept, day 2 replaced by one row");
        assertEquals(4L, scalarLong("SELECT count(*) FROM delta.`" + path + "` VERSION AS OF 3"), "time travel reads the MERGE version (0 create, 1-2 inserts, 3 merge)");
    }

    private long numFiles(String path) {
        return DeltaTable.forPath(spark, path).detail().select("numFiles").first().getLong(0);
    }
}

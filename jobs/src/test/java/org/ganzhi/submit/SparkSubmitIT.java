package org.ganzhi.submit;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shaded jar as a cluster runs it: Spark's own submit entry point (SparkSubmit, from the
 * Maven class path) with --master local[2] runs 'nightly' on a tiny lake in a separate JVM, so
 * the jar's manifest, shading and class loading are what is tested, not this JVM's class path.
 */
class SparkSubmitIT extends SubmittedLakeBase {

    @Test
    void spark_submit_runs_the_nightly_pipeline_from_the_shaded_jar() throws Exception {
        List<String> spark = new ArrayList<>(List.of("--master", "local[2]", "--name", "ganzhi-submit-it"));
        spark.addAll(smallJobConf());
        Path out = LOGS.resolve("local-submit.out");
        Path err = LOGS.resolve("local-submit.err");
        int code = SparkJvms.submit(spark, List.of("nightly", "--lake", lake, "--date", DATE), out, err, TIMEOUT).exitCode();

        assertEquals(0, code, "spark-submit failed:\n" + SparkJvms.tail(err));
        assertNightlyRanThroughGold(summary(out));
    }
}

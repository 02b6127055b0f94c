package org.ganzhi.sample;

import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.privacy.Pseudonymizer;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What {@code ganzhi generate} runs: a synthetic landing zone with its planted truth. The
 * generator is a module of its own (ganzhi-generator), so the production jar an operator deploys
 * carries neither its code nor its settings; the command finds it on the class path, where
 * scripts/ganzhi and the tests put it.
 */
public interface LakeGenerator {
    void generate(SparkSession spark, GanzhiConfig config, GenerateOptions options, Pseudonymizer pseudonymizer,
                  RunSummary summary);

    /** The generator, if its jar is on the class path (registered in META-INF/services). */
    static Optional<LakeGenerator> onClassPath() {
        return ServiceLoader.load(LakeGenerator.class).findFirst();
    }
}

package org.ganzhi.calibrate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SpecVersion;

import com.typesafe.config.ConfigUtil;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ganzhi.calibrate, with the operator's time zone: the outcome horizon, what a low survey is, the
 * default time split, how many positives a fit needs and the logistic regression's settings. The
 * spec version is a hash of the section, so a report row can be traced to its settings.
 *
 * @param timezone             operator time zone: outcome days are calendar days in it
 * @param horizonDays          outcomes count on the days d+1 .. d+horizonDays of a scoring date d
 * @param lowSurveyScoreMax    a survey score at or below this is a low survey
 * @param trainDays            scoring dates in the default training range
 * @param testDays             scoring dates in the default test range
 * @param gapDays              days between the default training range and the first test date
 * @param minPositives         positives an outcome needs among training and among test examples
 * @param snapshotLookbackDays days of subscriber snapshots before the first scoring date read for churn
 * @param risk                 what the risk models read
 */
public record CalibrateSettings(String timezone, int horizonDays, int lowSurveyScoreMax, int trainDays, int testDays,
                                int gapDays, long minPositives, int snapshotLookbackDays, int maxIterations,
                                double regParam, double elasticNetParam, double tolerance, Risk risk,
                                String specVersion) implements Serializable {
    /**
     * The inputs of the risk models besides every driver's score (ganzhi.calibrate.risk).
     *
     * @param windowDays the features.subscriber_window length behaviour is read from
     * @param perception columns of perception.subscriber_score
     * @param behaviour  columns of features.subscriber_window
     * @param derived    input name to a SQL expression over the window row, in name order
     * @param reasons    how many reasons each subscriber's risk is published with
     * @param algorithm  logistic or gbt
     * @param treeIterations   gbt: trees
     * @param treeDepth        gbt: depth of each tree
     * @param reasonCandidates gbt: the most important inputs whose substitution is tried for reasons
     */
    public record Risk(int windowDays, List<String> perception, List<String> behaviour, Map<String, String> derived,
                       int reasons, String algorithm, int treeIterations, int treeDepth,
                       int reasonCandidates) implements Serializable {
        /** Every input name but the driver scores, in model order. */
        public List<String> inputs() {
            List<String> all = new ArrayList<>(perception);
            all.addAll(behaviour);
            all.addAll(derived.keySet());
            return List.copyOf(all);
        }
    }

    private static final String WHERE = "ganzhi.calibrate";

    public static CalibrateSettings from(GanzhiConfig config) {
        try {
            Config c = config.raw().getConfig(WHERE);
            int lowSurvey = c.getInt("low-survey-score-max");
            if (lowSurvey < 0 || lowSurvey >= 10) {
                throw new ConfigError(WHERE + ".low-survey-score-max must be between 0 and 9 (scores are 0-10), got " + lowSurvey);
            }
            int gap = c.getInt("gap-days");
            if (gap < 0) {
                throw new ConfigError(WHERE + ".gap-days must not be negative, got " + gap);
            }
            double regParam = c.getDouble("regression.reg-param");
            double elasticNet = c.getDouble("regression.elastic-net-param");
            double tolerance = c.getDouble("regression.tolerance");
            if (regParam < 0 || elasticNet < 0 || elasticNet > 1 || tolerance <= 0) {
                throw new ConfigError(WHERE + ".regression: reg-param must not be negative, elastic-net-param must be "
                        + "between 0 and 1 and tolerance positive; got " + regParam + ", " + elasticNet + ", " + tolerance);
            }
            return new CalibrateSettings(config.operator().timezone().getId(), atLeastOne(c, "horizon-days"), lowSurvey,
                    atLeastOne(c, "train-days"), atLeastOne(c, "test-days"), gap, atLeastOne(c, "min-positives"),
                    atLeastOne(c, "snapshot-lookback-days"), atLeastOne(c, "regression.max-iterations"), regParam, elasticNet,
                    tolerance, risk(c.getConfig("risk")), SpecVersion.of(c));
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    private static Risk risk(Config c) {
        Map<String, String> derived = new TreeMap<>();
        for (String name : c.getConfig("derived").root().keySet()) {
            derived.put(name, c.getString("derived." + ConfigUtil.quoteString(name)));
        }
        String algorithm = c.getString("algorithm");
        if (!List.of(Calibration.LOGISTIC, Calibration.GBT).contains(algorithm)) {
            throw new ConfigError(WHERE + ".risk.algorithm must be " + Calibration.LOGISTIC + " or " + Calibration.GBT
                    + ", got '" + algorithm + "'");
        }
        Risk risk = new Risk(c.getInt("window-days"), c.getStringList("perception"), c.getStringList("behaviour"),
                Collections.unmodifiableMap(derived), atLeastOne(c, "reasons"), algorithm, atLeastOne(c, "gbt.max-iterations"),
                atLeastOne(c, "gbt.max-depth"), atLeastOne(c, "gbt.reason-candidates"));
        Set<String> seen = new HashSet<>();
        for (String name : risk.inputs()) {
            if (!name.matches("[a-z][a-z0-9_]*") || !seen.add(name)) {
                throw new ConfigError(WHERE + ".risk: input names must be distinct lower-case column names, got '" + name + "'");
            }
        }
        return risk;
    }

    private static int atLeastOne(Config c, String key) {
        int value = c.getInt(key);
        if (value < 1) {
            throw new ConfigError(WHERE + "." + key + " must be at least 1, got " + value);
        }
        return value;
    }
}

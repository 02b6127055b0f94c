package org.ganzhi.text;

import com.typesafe.config.Config;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SpecVersion;

import java.io.Serializable;
import java.util.List;

/**
 * The text stage's settings (ganzhi.text): categories, how the model is trained and how its
 * sentiment is combined with the lexicon's. {@code spec} versions the whole section, lexicon
 * included, so every scored text can be traced to the settings that scored it.
 */
public record TextSettings(List<String> categories, boolean seedExamples, String extraExamples, int trainingDays,
                           int numFeatures, double smoothing, int maxRatedPerClass, double lexiconWeight,
                           double threshold, int recomputeDays, int catchUpDays, SentimentLexicon lexicon, String spec)
        implements Serializable {
    public static TextSettings from(GanzhiConfig config) {
        Config c = config.raw().getConfig("ganzhi.text");
        List<String> categories = List.copyOf(c.getStringList("categories"));
        if (categories.size() < 2) {
            throw new GanzhiException("ganzhi.text.categories needs at least two categories, got " + categories);
        }
        double weight = c.getDouble("sentiment.lexicon-weight");
        if (weight < 0 || weight > 1) {
            throw new GanzhiException("ganzhi.text.sentiment.lexicon-weight must be within 0..1, got " + weight);
        }
        double threshold = c.getDouble("sentiment.threshold");
        if (threshold <= 0 || threshold >= 1) {
            throw new GanzhiException("ganzhi.text.sentiment.threshold must be within 0..1 (exclusive), got " + threshold);
        }
        return new TextSettings(categories, c.getBoolean("model.seed-examples"), c.getString("model.extra-examples"),
                c.getInt("model.training-days"), c.getInt("model.num-features"), c.getDouble("model.smoothing"),
                c.getInt("model.max-rated-per-class"), weight, threshold,
                config.raw().getInt("ganzhi.features.recompute-days"), c.getInt("catch-up-days"), SentimentLexicon.from(c),
                SpecVersion.of(c));
    }
}

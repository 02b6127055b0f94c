package org.ganzhi.text;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import org.ganzhi.config.ConfigError;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words {@link TextAnalyzer#sentiment} scores with, from {@code ganzhi.text.lexicon} (default:
 * {@code ganzhi-text-lexicon.conf} in ganzhi-core, which explains each list). Plain sets and maps,
 * so the lexicon travels to Spark executors with the analyzer; the lookup structures are rebuilt
 * there.
 *
 * @param positive     words and phrases counting +1
 * @param negative     words and phrases counting -1
 * @param negators     words that turn the next sentiment word around ("不", "not", "isn't")
 * @param intensifiers degree words and their factor: above 1 strengthens, below 1 softens
 * @param emoji        emoji and ASCII emoticons with their polarity in -1..1
 * @param neutral      words that contain a sentiment word but carry none ("好像", "差点"), matched
 *                     first so the sentiment word inside them is not
 * @param contrast     contrast markers ("但是", "but"): what follows outweighs what came before
 */
public record SentimentLexicon(Set<String> positive, Set<String> negative, Set<String> negators,
                               Map<String, Double> intensifiers, Map<String, Double> emoji,
                               Set<String> neutral, Set<String> contrast) implements Serializable {
    /** The default lexicon's resource in ganzhi-core, included from its reference.conf. */
    public static final String RESOURCE = "ganzhi-text-lexicon.conf";
    /** Degree words may at most triple a word's weight, or one word would outvote a whole text. */
    static final double MAX_INTENSIFIER = 3.0;

    public SentimentLexicon {
        positive = Set.copyOf(positive);
        negative = Set.copyOf(negative);
        negators = Set.copyOf(negators);
        intensifiers = Map.copyOf(intensifiers);
        emoji = Map.copyOf(emoji);
        neutral = Set.copyOf(neutral);
        contrast = Set.copyOf(contrast);
    }

    /**
     * The lexicon of the {@code ganzhi.text} block ({@code config.getConfig("ganzhi.text")} of the
     * merged configuration): its {@code lexicon} object. {@code neutral} and {@code contrast} may
     * be left out. Fails with a {@link ConfigError} naming the setting on a missing list, a
     * non-numeric factor, a factor outside its range, an entry mixing Chinese and Latin script
     * (it could never match) or a word listed under two meanings.
     */
    public static SentimentLexicon from(Config ganzhiText) {
        try {
            Config lexicon = ganzhiText.getConfig("lexicon");
            SentimentLexicon read = new SentimentLexicon(
                    entries(lexicon, "positive"), entries(lexicon, "negative"), entries(lexicon, "negators"),
                    factors(lexicon, "intensifiers", 0.0, MAX_INTENSIFIER, false),
                    factors(lexicon, "emoji", -1.0, 1.0, true),
                    lexicon.hasPath("neutral") ? entries(lexicon, "neutral") : Set.of(),
                    lexicon.hasPath("contrast") ? entries(lexicon, "contrast") : Set.of());
            read.checkEachWordHasOneMeaning();
            return read;
        } catch (ConfigException e) {
            throw new ConfigError("ganzhi.text.lexicon: " + e.getMessage());
        }
    }

    /** The lexicon shipped in ganzhi-core, read from its own resource (no other setting needed). */
    public static SentimentLexicon defaults() {
        Config file = ConfigFactory.parseResources(SentimentLexicon.class.getClassLoader(), RESOURCE).resolve();
        if (!file.hasPath("ganzhi.text.lexicon")) {
            throw new ConfigError("resource " + RESOURCE + " with ganzhi.text.lexicon not found on the class path");
        }
        return from(file.getConfig("ganzhi.text"));
    }

    /** Whether an entry is Chinese (matched inside Han text) rather than English (matched on words). */
    public static boolean isChinese(String entry) {
        return entry.codePoints().anyMatch(TextScripts::isHan);
    }

    private static Set<String> entries(Config lexicon, String list) {
        Set<String> entries = new LinkedHashSet<>();
        for (String raw : lexicon.getStringList(list)) {
            entries.add(checkedEntry(list, raw));
        }
        return entries;
    }

    private static Map<String, Double> factors(Config lexicon, String object, double min, double max, boolean emojiKeys) {
        ConfigObject entries = lexicon.getObject(object);
        Map<String, Double> factors = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> entry : entries.entrySet()) {
            String key = emojiKeys ? TextScripts.emojiKey(entry.getKey().strip()) : checkedEntry(object, entry.getKey());
            if (!(entry.getValue().unwrapped() instanceof Number number)) {
                throw new ConfigError("ganzhi.text.lexicon." + object + " \"" + key + "\" must be a number, not "
                        + entry.getValue().render());
            }
            double value = number.doubleValue();
            boolean inRange = emojiKeys ? value >= min && value <= max : value > min && value <= max;
            if (!inRange || key.isEmpty()) {
                throw new ConfigError("ganzhi.text.lexicon." + object + " \"" + key + "\" = " + value
                        + " is outside " + (emojiKeys ? "[" : "(") + min + ", " + max + "]");
            }
            factors.put(key, value);
        }
        return factors;
    }

    private static String checkedEntry(String list, String raw) {
        String entry = raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (entry.isEmpty()) {
            throw new ConfigError("ganzhi.text.lexicon." + list + " holds an empty entry");
        }
        boolean han = entry.codePoints().anyMatch(TextScripts::isHan);
        boolean latin = entry.codePoints().anyMatch(cp -> TextScripts.isLatinLetter(cp) || Character.isDigit(cp));
        if (han && (latin || entry.codePoints().anyMatch(cp -> !TextScripts.isHan(cp)))) {
            throw new ConfigError("ganzhi.text.lexicon." + list + " entry \"" + raw
                    + "\" mixes Chinese with other characters: write Chinese entries in Han characters only");
        }
        return entry;
    }

    /** A word both positive and negative, or both a negator and an intensifier, is a typing slip. */
    private void checkEachWordHasOneMeaning() {
        Map<String, String> meaning = new LinkedHashMap<>();
        Map<String, Set<String>> lists = new LinkedHashMap<>();
        lists.put("positive", positive);
        lists.put("negative", negative);
        lists.put("negators", negators);
        lists.put("intensifiers", intensifiers.keySet());
        lists.put("neutral", neutral);
        lists.put("contrast", contrast);
        for (Map.Entry<String, Set<String>> list : lists.entrySet()) {
            for (String word : list.getValue()) {
                String key = LexiconMatcher.lookupKey(word);
                String before = meaning.putIfAbsent(key, list.getKey());
                if (before != null && !before.equals(list.getKey())) {
                    throw new ConfigError("ganzhi.text.lexicon: \"" + word + "\" is listed under both " + before
                            + " and " + list.getKey());
                }
            }
        }
    }

    /** How many entries each list holds, Chinese and English apart: for reports and tests. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (var list : List.of(Map.entry("positive", positive), Map.entry("negative", negative),
                Map.entry("negators", negators), Map.entry("intensifiers", intensifiers.keySet()),
                Map.entry("neutral", neutral), Map.entry("contrast", contrast))) {
            long chinese = list.getValue().stream().filter(SentimentLexicon::isChinese).count();
            sizes.put(list.getKey() + ".zh", (int) chinese);
            sizes.put(list.getKey() + ".en", list.getValue().size() - (int) chinese);
        }
        sizes.put("emoji", emoji.size());
        return sizes;
    }
}

package org.ganzhi.generate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import org.ganzhi.config.ConfigError;
import org.ganzhi.generate.Planted.Sentiment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The phrase banks feedback texts are composed from (the class-path resource named by
 * {@code ganzhi.generate.feedback.phrases}, see {@code feedback-phrases.conf}), read and checked
 * once on the driver and shipped with the settings. Checked: every dimension has topics, every
 * topic has subjects of every sentiment in both languages, every placeholder is one the composer
 * fills, and every product and service item a text can name is in the funnel and the service
 * catalogue and has names in both languages. Arrays are indexed by dimension (position in
 * {@link Planted#DIMENSIONS}), topic and {@link Sentiment} ordinal.
 */
final class FeedbackPhrases implements Serializable {
    /** Placeholders {@link FeedbackTexts} fills. */
    static final Set<String> PLACEHOLDERS = Set.of("very", "n", "many", "days", "hours", "minutes", "amount", "gb", "place",
            "time", "month", "city", "product", "item", "phone", "email", "name");

    /** A topic of a dimension (truth column {@code topic}) and what its texts refer to. */
    static final class Topic implements Serializable {
        final String name;
        /** The service item every text of the topic is about, or null. */
        final String item;
        /** The items an {item} may name: the topic's item when it has one. */
        final String[] items;
        /** The products a {product} may name; empty: any product. */
        final String[] products;
        /** Whether a text may open by naming the product (a product-context clause). */
        final boolean productContext;

        Topic(String name, String item, String[] items, String[] products, boolean productContext) {
            this.name = name;
            this.item = item;
            this.items = items;
            this.products = products;
            this.productContext = productContext;
        }
    }

    /** The phrases of one language. Per-sentiment arrays are indexed by {@link Sentiment} ordinal. */
    static final class Bank implements Serializable {
        String[] very;
        String[] places;
        String[] times;
        String[] months;
        String[] joiners;
        String[][] endings;
        String[][] openings;
        String[][] feelings;
        String[][] closings;
        String[][] socialPrefix;
        String[][] socialSuffix;
        String hotlineCustomer;
        String hotlineAgent;
        String[] hotlineGreetings;
        String[][] hotlineReplies;
        String[] phone;
        String[] email;
        String[] name;
        String[] productContext;
        Map<String, String[]> productNames;
        Map<String, String[]> itemNames;
        Map<String, String> cities;
        /** Pairs (right, wrong) of typos and colloquial spellings. */
        String[][] typos;
        /** [dimension][topic][sentiment] → subject clauses. */
        String[][][][] subjects;
        /** [dimension][topic][sentiment] → detail clauses (may be empty). */
        String[][][][] details;
    }

    /** [dimension][topic]. */
    final Topic[][] topics;
    final Bank zh;
    final Bank en;
    /** [sentiment] → emoji. */
    final String[][] emoji;
    final String[] zhSurnames;
    final String[] zhGivenNames;
    final String[] enFirstNames;
    final String[] enLastNames;
    final String[] pinyinNames;
    final String[] emailDomains;
    /** Per swappable Chinese word: the word, then the English words written instead. */
    final String[][] mixedTerms;
    /** [sentiment] → English asides for a MIXED text where nothing was swapped. */
    final String[][] mixedExtras;

    private FeedbackPhrases(Config c, String resource, List<String> products, List<String> serviceItems) {
        topics = readTopics(c.getConfig("topics"), resource, products, serviceItems);
        zh = readBank(c.getConfig("zh"), topics);
        en = readBank(c.getConfig("en"), topics);
        emoji = bySentiment(c, "emoji");
        zhSurnames = strings(c, "people.zh-surnames");
        zhGivenNames = strings(c, "people.zh-given-names");
        enFirstNames = strings(c, "people.en-first-names");
        enLastNames = strings(c, "people.en-last-names");
        pinyinNames = strings(c, "people.pinyin-names");
        emailDomains = strings(c, "people.email-domains");
        List<String[]> terms = new ArrayList<>();
        for (Config term : c.getConfigList("mixed.terms")) {
            List<String> english = term.getStringList("en");
            String[] entry = new String[english.size() + 1];
            entry[0] = term.getString("zh");
            for (int i = 0; i < english.size(); i++) {
                entry[i + 1] = english.get(i);
            }
            terms.add(entry);
        }
        mixedTerms = terms.toArray(new String[0][]);
        mixedExtras = bySentiment(c, "mixed.extras");
        check(resource, products);
    }

    /** Reads and checks the bank of a class-path resource. */
    static FeedbackPhrases load(String resource, List<String> products, List<String> serviceItems) {
        Config root = ConfigFactory.parseResources(FeedbackPhrases.class.getClassLoader(), resource,
                ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
        if (!root.hasPath("feedback-phrases")) {
            throw new ConfigError("the feedback phrase resource " + resource + " has no feedback-phrases block");
        }
        return new FeedbackPhrases(root.getConfig("feedback-phrases"), resource, products, serviceItems);
    }

    /** Index of a topic of a dimension by name, or -1. */
    int topicIndex(int dimension, String name) {
        for (int t = 0; t < topics[dimension].length; t++) {
            if (topics[dimension][t].name.equals(name)) {
                return t;
            }
        }
        return -1;
    }

    private static Topic[][] readTopics(Config c, String resource, List<String> products, List<String> serviceItems) {
        Topic[][] topics = new Topic[Planted.DIMENSIONS.size()][];
        for (String key : c.root().keySet()) {
            if (Planted.DIMENSIONS.stream().noneMatch(d -> d.name().equals(key))) {
                throw new ConfigError(resource + ": topics." + key + " is not a dimension (expected " + Planted.DIMENSIONS + ")");
            }
        }
        for (int d = 0; d < topics.length; d++) {
            String dimension = Planted.DIMENSIONS.get(d).name();
            if (!c.hasPath(dimension) || c.getConfig(dimension).root().isEmpty()) {
                throw new ConfigError(resource + ": the dimension " + dimension + " has no topics");
            }
            Config block = c.getConfig(dimension);
            // Sorted: the order topics are drawn in must not depend on how the file was parsed.
            List<String> names = block.root().keySet().stream().sorted().toList();
            topics[d] = new Topic[names.size()];
            for (int t = 0; t < names.size(); t++) {
                String name = names.get(t);
                Config topic = block.getConfig(name);
                String item = topic.hasPath("item") ? topic.getString("item") : null;
                String[] items = item != null ? new String[]{item}
                        : topic.hasPath("items") ? strings(topic, "items") : new String[0];
                String[] named = topic.hasPath("products") ? strings(topic, "products") : new String[0];
                for (String i : items) {
                    if (!serviceItems.contains(i)) {
                        throw new ConfigError(resource + ": topic " + dimension + "." + name + " refers to the service item " + i
                                + ", which the service catalogue does not have");
                    }
                }
                for (String p : named) {
                    if (!products.contains(p)) {
                        throw new ConfigError(resource + ": topic " + dimension + "." + name + " refers to the product " + p
                                + ", which the product funnel does not have " + products);
                    }
                }
                boolean context = topic.hasPath("product-context") && topic.getBoolean("product-context");
                topics[d][t] = new Topic(name, item, items, named, context);
            }
        }
        return topics;
    }

    private static Bank readBank(Config c, Topic[][] topics) {
        Bank b = new Bank();
        b.very = strings(c, "very");
        b.places = strings(c, "places");
        b.times = strings(c, "times");
        b.months = strings(c, "months");
        b.joiners = strings(c, "joiners");
        b.endings = bySentiment(c, "endings");
        b.openings = bySentiment(c, "openings");
        b.feelings = bySentiment(c, "feelings");
        b.closings = bySentiment(c, "closings");
        b.socialPrefix = bySentiment(c, "social-prefix");
        b.socialSuffix = bySentiment(c, "social-suffix");
        b.hotlineCustomer = c.getString("hotline.customer");
        b.hotlineAgent = c.getString("hotline.agent");
        b.hotlineGreetings = strings(c, "hotline.greetings");
        b.hotlineReplies = bySentiment(c, "hotline.replies");
        b.phone = strings(c, "phone");
        b.email = strings(c, "email");
        b.name = strings(c, "name");
        b.productContext = strings(c, "product-context");
        b.productNames = names(c.getConfig("products"));
        b.itemNames = names(c.getConfig("items"));
        b.cities = new HashMap<>();
        Config cities = c.getConfig("cities");
        cities.root().forEach((city, value) -> b.cities.put(city, value.unwrapped().toString()));
        List<String[]> typos = new ArrayList<>();
        for (List<String> pair : readPairs(c, "typos")) {
            typos.add(pair.toArray(new String[0]));
        }
        b.typos = typos.toArray(new String[0][]);
        b.subjects = new String[topics.length][][][];
        b.details = new String[topics.length][][][];
        for (int d = 0; d < topics.length; d++) {
            b.subjects[d] = new String[topics[d].length][][];
            b.details[d] = new String[topics[d].length][][];
            for (int t = 0; t < topics[d].length; t++) {
                String path = "topics." + Planted.DIMENSIONS.get(d).name() + "." + topics[d][t].name;
                if (!c.hasPath(path)) {
                    throw new ConfigError(c.origin().description() + ": no phrases for the topic " + path);
                }
                Config topic = c.getConfig(path);
                b.subjects[d][t] = new String[Sentiment.values().length][];
                for (Sentiment s : Sentiment.values()) {
                    String[] subjects = topic.hasPath(s.name()) ? strings(topic, s.name()) : new String[0];
                    if (subjects.length == 0) {
                        throw new ConfigError(c.origin().description() + ": " + path + " has no " + s + " phrases");
                    }
                    b.subjects[d][t][s.ordinal()] = subjects;
                }
                b.details[d][t] = topic.hasPath("details") ? bySentiment(topic, "details") : bySentiment(null, null);
            }
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> readPairs(Config c, String path) {
        List<List<String>> pairs = new ArrayList<>();
        for (Object pair : c.getList(path).unwrapped()) {
            List<String> values = (List<String>) pair;
            if (values.size() != 2) {
                throw new ConfigError(c.origin().description() + ": every entry of " + path + " must be [right, wrong], got " + values);
            }
            pairs.add(values);
        }
        return pairs;
    }

    private static Map<String, String[]> names(Config c) {
        Map<String, String[]> names = new HashMap<>();
        for (String key : c.root().keySet()) {
            names.put(key, c.getStringList("\"" + key + "\"").toArray(new String[0]));
        }
        return names;
    }

    private static String[] strings(Config c, String path) {
        return c.getStringList(path).toArray(new String[0]);
    }

    /** Lists per sentiment of an object; a sentiment not listed has none. */
    private static String[][] bySentiment(Config c, String path) {
        String[][] lists = new String[Sentiment.values().length][];
        Config object = c == null ? null : c.getConfig(path);
        for (Sentiment s : Sentiment.values()) {
            lists[s.ordinal()] = object != null && object.hasPath(s.name()) ? strings(object, s.name()) : new String[0];
        }
        return lists;
    }

    /**
     * Every list the composer draws from without a fallback is non-empty; placeholders are known,
     * fillable and only where the composer fills them; products and items are named in both
     * languages.
     */
    private void check(String resource, List<String> products) {
        List<String[]> people = List.of(zhSurnames, zhGivenNames, enFirstNames, enLastNames, pinyinNames, emailDomains);
        List<String[]> required = new ArrayList<>(people);
        required.addAll(List.of(emoji));
        required.addAll(List.of(mixedExtras));
        if (required.stream().anyMatch(list -> list.length == 0)) {
            throw new ConfigError(resource + ": emoji, mixed.extras (per sentiment) and the people lists must not be empty");
        }
        for (Bank bank : List.of(zh, en)) {
            String language = bank == zh ? "zh" : "en";
            List<String[]> drawn = new ArrayList<>(List.of(bank.very, bank.places, bank.times, bank.months, bank.joiners,
                    bank.hotlineGreetings, bank.phone, bank.email, bank.name, bank.productContext));
            for (String[][] bySentiment : List.of(bank.endings, bank.openings, bank.closings, bank.hotlineReplies)) {
                drawn.addAll(List.of(bySentiment));
            }
            if (drawn.stream().anyMatch(list -> list.length == 0)) {
                throw new ConfigError(resource + ": " + language + " has an empty list among very, places, times, months, joiners, "
                        + "hotline.greetings, phone, email, name, product-context and (per sentiment) endings, openings, "
                        + "closings, hotline.replies");
            }
            List<String> unfilled = new ArrayList<>(List.of(bank.joiners));
            for (String[][] bySentiment : List.of(bank.endings, bank.socialPrefix, bank.socialSuffix)) {
                for (String[] list : bySentiment) {
                    unfilled.addAll(List.of(list));
                }
            }
            for (String[] pair : bank.typos) {
                unfilled.addAll(List.of(pair));
            }
            for (String text : unfilled) {
                if (text.indexOf('{') >= 0) {
                    throw new ConfigError(resource + ": '" + text + "' in " + language + " would keep its placeholder: "
                            + "only phrases (openings, subjects, details, feelings, closings, privacy and hotline lines) are filled");
                }
            }
            for (String product : products) {
                if (bank.productNames.getOrDefault(product, new String[0]).length == 0) {
                    throw new ConfigError(resource + ": " + language + ".products has no name for the product " + product);
                }
            }
            for (Topic[] dimension : topics) {
                for (Topic topic : dimension) {
                    for (String item : topic.items) {
                        if (bank.itemNames.getOrDefault(item, new String[0]).length == 0) {
                            throw new ConfigError(resource + ": " + language + ".items has no name for the service item " + item);
                        }
                    }
                }
            }
            List<String[]> shared = new ArrayList<>(List.of(bank.very, bank.places, bank.times, bank.months, bank.hotlineGreetings,
                    bank.phone, bank.email, bank.name, bank.productContext));
            for (String[][] bySentiment : List.of(bank.openings, bank.feelings, bank.closings, bank.hotlineReplies)) {
                shared.addAll(List.of(bySentiment));
            }
            for (String[] phrases : shared) {
                for (String phrase : phrases) {
                    checkPlaceholders(resource, language, phrase, null);
                }
            }
            for (int d = 0; d < topics.length; d++) {
                for (int t = 0; t < topics[d].length; t++) {
                    for (int s = 0; s < Sentiment.values().length; s++) {
                        for (String phrase : bank.subjects[d][t][s]) {
                            checkPlaceholders(resource, language, phrase, topics[d][t]);
                        }
                        for (String phrase : bank.details[d][t][s]) {
                            checkPlaceholders(resource, language, phrase, topics[d][t]);
                        }
                    }
                }
            }
        }
    }

    private static void checkPlaceholders(String resource, String language, String phrase, Topic topic) {
        int open = phrase.indexOf('{');
        while (open >= 0) {
            int close = phrase.indexOf('}', open);
            if (close < 0) {
                throw new ConfigError(resource + ": unclosed placeholder in the " + language + " phrase '" + phrase + "'");
            }
            String name = phrase.substring(open + 1, close);
            if (!PLACEHOLDERS.contains(name)) {
                throw new ConfigError(resource + ": unknown placeholder {" + name + "} in the " + language + " phrase '" + phrase
                        + "' (known: " + PLACEHOLDERS + ")");
            }
            if (name.equals("item") && (topic == null || topic.items.length == 0)) {
                throw new ConfigError(resource + ": the " + language + " phrase '" + phrase + "' names an {item}, but "
                        + (topic == null ? "it is not a topic's phrase" : "the topic " + topic.name + " has no service items"));
            }
            open = phrase.indexOf('{', close);
        }
    }
}

package org.ganzhi.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lexicon turned into lookup tables, and the scan that scores a text with them. Chinese is
 * matched by longest entry at each character (forward maximum matching) rather than on
 * SmartChineseAnalyzer's words: the analyzer cuts 掉线 and 乱扣费 apart and would join 不 to the
 * word after it inconsistently, while the lexicon's own entries are the units that carry
 * sentiment. English is matched on whole words, longest phrase first, plurals folded.
 *
 * <p>The score of a text (see {@link Tally}): each sentiment word counts its polarity (±1), times
 * the degree words before it, times -0.75 if a negator came shortly before it, times 1.5 after a
 * contrast marker (the part before it halved); emoji add their polarity. With S the sum,
 * score = S / (|S| + 1): 0 when nothing matched, ±0.5 for one plain word, nearer ±1 the more and
 * the stronger the evidence, never beyond. Chosen over the mean of matched polarities, which
 * gives a lone "好" the same 1.0 as "非常满意，强烈推荐" and lets no intensifier raise a single
 * word; and over a clipped sum, which saturates after two words and ranks nothing beyond.
 */
final class LexiconMatcher {
    /** Units (Chinese characters, English words) allowed between a negator or degree word and its word. */
    static final int WINDOW = 3;
    /** A negated word counts this much of its value: "not good" is milder than "bad", "not bad" than "good". */
    static final double NEGATED = -0.75;
    /** What comes before a contrast marker counts half, what follows 1.5 times. */
    static final double BEFORE_CONTRAST = 0.5;
    static final double AFTER_CONTRAST = 1.5;
    /** k of S / (|S| + k): the sum at which the score reaches ±0.5. */
    static final double HALF_SCORE_SUM = 1.0;

    enum Kind { SENTIMENT, NEGATOR, INTENSIFIER, CONTRAST, NEUTRAL }

    record Entry(Kind kind, double value) {
    }

    private final Map<String, Entry> chinese = new HashMap<>();
    private final BitSet chineseFirstChars = new BitSet(1 << 16);
    private int chineseLongest = 1;
    private final Map<String, Entry> english = new HashMap<>();
    /** The longest phrase (in words) starting with each word. */
    private final Map<String, Integer> englishLongestFrom = new HashMap<>();
    private final Map<String, Double> emoji = new HashMap<>();
    /** ASCII emoticons (":)"), longest first, found in the non-Chinese text by position. */
    private final List<Map.Entry<String, Double>> emoticons = new ArrayList<>();

    LexiconMatcher(SentimentLexicon lexicon) {
        lexicon.positive().forEach(word -> add(word, new Entry(Kind.SENTIMENT, 1.0)));
        lexicon.negative().forEach(word -> add(word, new Entry(Kind.SENTIMENT, -1.0)));
        lexicon.negators().forEach(word -> add(word, new Entry(Kind.NEGATOR, 0.0)));
        lexicon.intensifiers().forEach((word, factor) -> add(word, new Entry(Kind.INTENSIFIER, factor)));
        lexicon.neutral().forEach(word -> add(word, new Entry(Kind.NEUTRAL, 0.0)));
        lexicon.contrast().forEach(word -> add(word, new Entry(Kind.CONTRAST, 0.0)));
        lexicon.emoji().forEach((key, polarity) -> {
            if (key.codePoints().allMatch(cp -> cp < 0x80)) {
                emoticons.add(Map.entry(key, polarity));
            } else {
                emoji.put(key, polarity);
            }
        });
        emoticons.sort(Comparator.comparingInt((Map.Entry<String, Double> e) -> e.getKey().length()).reversed());
    }

    /**
     * The key an entry is stored under: Chinese as written, English as its words lower-cased,
     * plural-folded and joined by single spaces ("Hidden-Fees" and "hidden fee" are one key).
     */
    static String lookupKey(String entry) {
        if (SentimentLexicon.isChinese(entry)) {
            return entry;
        }
        return String.join(" ", englishWords(entry));
    }

    private void add(String entry, Entry meaning) {
        if (SentimentLexicon.isChinese(entry)) {
            chinese.put(entry, meaning);
            chineseFirstChars.set(entry.charAt(0));
            chineseLongest = Math.max(chineseLongest, entry.length());
        } else {
            List<String> words = englishWords(entry);
            if (words.isEmpty()) {
                return;
            }
            english.put(String.join(" ", words), meaning);
            englishLongestFrom.merge(words.get(0), words.size(), Math::max);
        }
    }

    /** The sentiment score of a cleaned text, in -1..1. */
    double score(String text) {
        Tally tally = new Tally();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (TextScripts.isHan(cp)) {
                int end = i;
                while (end < n && TextScripts.isHan(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                scanChinese(text, i, end, tally);
                i = end;
                continue;
            }
            int emojiEnd = TextScripts.emojiEnd(text, i);
            if (emojiEnd > 0) {
                tally.emoji(emoji.getOrDefault(TextScripts.emojiKey(text.substring(i, emojiEnd)), 0.0));
                i = emojiEnd;
                continue;
            }
            int end = i;
            while (end < n) {
                int next = text.codePointAt(end);
                if (TextScripts.isHan(next) || TextScripts.emojiEnd(text, end) > 0) {
                    break;
                }
                end += Character.charCount(next);
            }
            scanOther(text, i, end, tally);
            i = end;
        }
        return tally.score();
    }

    private void scanChinese(String text, int from, int to, Tally tally) {
        int i = from;
        while (i < to) {
            Entry hit = null;
            int length = 0;
            if (chineseFirstChars.get(text.charAt(i))) {
                for (int l = Math.min(chineseLongest, to - i); l >= 1; l--) {
                    Entry entry = chinese.get(text.substring(i, i + l));
                    if (entry != null) {
                        hit = entry;
                        length = l;
                        break;
                    }
                }
            }
            if (hit == null) {
                tally.gap();
                i++;
            } else {
                tally.apply(hit);
                i += length;
            }
        }
    }

    /** Latin words, digits, punctuation and ASCII emoticons between the Chinese runs and emoji. */
    private void scanOther(String text, int from, int to, Tally tally) {
        List<String> clause = new ArrayList<>();
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            Map.Entry<String, Double> emoticon = emoticonAt(text, i, to);
            if (emoticon != null) {
                matchEnglish(clause, tally);
                tally.emoji(emoticon.getValue());
                i += emoticon.getKey().length();
            } else if (Character.isLetterOrDigit(c)) {
                int end = wordEnd(text, i, to);
                clause.add(normaliseWord(text.substring(i, end)));
                i = end;
            } else {
                if (isClauseBreak(c)) {
                    matchEnglish(clause, tally);
                    tally.clauseBreak();
                }
                i++;
            }
        }
        matchEnglish(clause, tally);
    }

    private Map.Entry<String, Double> emoticonAt(String text, int at, int to) {
        char c = text.charAt(at);
        if (Character.isLetterOrDigit(c) || Character.isWhitespace(c) || emoticons.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, Double> emoticon : emoticons) {
            String key = emoticon.getKey();
            int end = at + key.length();
            if (end <= to && text.startsWith(key, at) && (end == to || !Character.isLetterOrDigit(text.charAt(end)))) {
                return emoticon;
            }
        }
        return null;
    }

    /** Longest phrase at each word of a clause (words between punctuation). */
    private void matchEnglish(List<String> clause, Tally tally) {
        int k = 0;
        while (k < clause.size()) {
            Integer longest = englishLongestFrom.get(clause.get(k));
            Entry hit = null;
            int length = 0;
            if (longest != null) {
                for (int l = Math.min(longest, clause.size() - k); l >= 1; l--) {
                    Entry entry = english.get(l == 1 ? clause.get(k) : String.join(" ", clause.subList(k, k + l)));
                    if (entry != null) {
                        hit = entry;
                        length = l;
                        break;
                    }
                }
            }
            if (hit == null) {
                tally.gap();
                k++;
            } else {
                tally.apply(hit);
                k += length;
            }
        }
        clause.clear();
    }

    private static boolean isClauseBreak(char c) {
        return switch (c) {
            case ',', '.', '!', '?', ';', ':', '\n', '。', '、', '…', '！', '？', '，', '；', '：' -> true;
            default -> false;
        };
    }

    /** Letters and digits, with apostrophes inside a word ("isn't", "operator's"). */
    private static int wordEnd(String text, int from, int to) {
        int end = from;
        while (end < to) {
            char c = text.charAt(end);
            if (Character.isLetterOrDigit(c)) {
                end++;
            } else if ((c == '\'' || c == '\u2019') && end + 1 < to && Character.isLetter(text.charAt(end + 1))
                    && end > from) {
                end++;
            } else {
                break;
            }
        }
        return end;
    }

    /** The words of an English entry, normalised as the text's words are. */
    static List<String> englishWords(String entry) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < entry.length()) {
            if (Character.isLetterOrDigit(entry.charAt(i))) {
                int end = wordEnd(entry, i, entry.length());
                words.add(normaliseWord(entry.substring(i, end)));
                i = end;
            } else {
                i++;
            }
        }
        return words;
    }

    /**
     * Lower case, straight apostrophe, possessive "'s" dropped and plurals folded by the
     * S-stemmer's three rules (ies→y, es→e, s→ except after u or s), so "drops", "charges" and
     * "fees" find "drop", "charge" and "fee". Nothing more: a real stemmer would fold "helpful"
     * into "help" and make a request for help sound pleased.
     */
    static String normaliseWord(String word) {
        String w = word.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (w.endsWith("'s")) {
            w = w.substring(0, w.length() - 2);
        }
        int n = w.length();
        if (n < 3 || w.charAt(n - 1) != 's') {
            return w;
        }
        char beforeS = w.charAt(n - 2);
        if (w.endsWith("ies") && n > 3 && w.charAt(n - 4) != 'e' && w.charAt(n - 4) != 'a') {
            return w.substring(0, n - 3) + "y";
        }
        if (w.endsWith("es") && (w.charAt(n - 3) == 'a' || w.charAt(n - 3) == 'e' || w.charAt(n - 3) == 'o')) {
            return w;
        }
        if (beforeS == 'u' || beforeS == 's' || beforeS == '\'') {
            return w;
        }
        return w.substring(0, n - 1);
    }

    /**
     * The running score of one text: negation and degree wait for the next sentiment word within
     * {@link #WINDOW} units in the same clause, and are spent on it.
     */
    static final class Tally {
        private double sum;
        private double weight = 1.0;
        private boolean negated;
        private double intensity = 1.0;
        private boolean modifierPending;
        private int gapSinceModifier;

        void apply(Entry entry) {
            switch (entry.kind()) {
                case SENTIMENT -> sentiment(entry.value());
                case NEGATOR -> {
                    negated = !negated;
                    modified();
                }
                case INTENSIFIER -> {
                    intensity = Math.min(SentimentLexicon.MAX_INTENSIFIER, intensity * entry.value());
                    modified();
                }
                case CONTRAST -> {
                    clauseBreak();
                    sum *= BEFORE_CONTRAST;
                    weight = AFTER_CONTRAST;
                }
                case NEUTRAL -> gap();
            }
        }

        void gap() {
            if (modifierPending && ++gapSinceModifier > WINDOW) {
                clauseBreak();
            }
        }

        void clauseBreak() {
            negated = false;
            intensity = 1.0;
            modifierPending = false;
            gapSinceModifier = 0;
        }

        void emoji(double polarity) {
            sum += polarity * weight;
        }

        double score() {
            return sum == 0.0 ? 0.0 : sum / (Math.abs(sum) + HALF_SCORE_SUM);
        }

        private void sentiment(double polarity) {
            sum += polarity * intensity * (negated ? NEGATED : 1.0) * weight;
            clauseBreak();
        }

        private void modified() {
            modifierPending = true;
            gapSinceModifier = 0;
        }
    }
}

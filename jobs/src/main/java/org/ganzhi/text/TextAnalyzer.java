package org.ganzhi.text;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text stage's pure-Java toolkit for customer feedback (reviews, comments, survey verbatims,
 * hotline transcripts) in Chinese, English or both: {@link #clean}, {@link #language},
 * {@link #tokens} for the category classifier and a lexicon {@link #sentiment}.
 *
 * <p>Serializable so Spark ships it inside UDFs and mapPartitions closures: only the lexicon
 * travels; the Lucene analyzers (not serializable) and the lexicon's lookup tables are built
 * lazily on first use in each executor's copy. One instance may be used from many threads:
 * Analyzer.tokenStream keeps its per-thread state itself.
 *
 * <p>{@link #tokens}, {@link #sentiment} and {@link #language} clean their input themselves
 * (clean is idempotent), so raw or cleaned text may be passed.
 */
public final class TextAnalyzer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The placeholders the ingest writes for masked numbers, e-mail addresses and names: not words. */
    private static final Pattern MASK_PLACEHOLDER =
            Pattern.compile("\\[(?:phone:[0-9a-fA-F]*|email|name)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern HTML_COMMENT = Pattern.compile("(?s)<!--.*?-->");
    /** A tag must start with a letter or /letter, so "网速<1M" or "a < b" is left alone. */
    private static final Pattern HTML_TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9:-]*)(?:\\s[^<>]*)?/?>");
    /** Tags that break a line in a browser become a space; inline ones (b, span, a) vanish, so "<b>掉</b>线" stays 掉线. */
    private static final Set<String> BLOCK_TAGS = Set.of("br", "p", "div", "li", "ul", "ol", "tr", "td", "th",
            "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "header", "footer", "hr");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED_ENTITIES = Map.of("nbsp", " ", "amp", "&", "lt", "<", "gt", ">",
            "quot", "\"", "apos", "'", "hellip", "…", "mdash", "—", "ldquo", "\u201C", "rdquo", "\u201D");
    /** Zero-width spaces, byte-order marks, soft hyphens and control characters (not the joiner emoji need). */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u200C\\u2060\\uFEFF\\u00AD\\p{Cc}&&[^\\s]]");
    private static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

    /**
     * English share thresholds of {@link #language}: below 0.2 of the text's words → ZH, above
     * 0.85 → EN, between → MIXED. The EN side is stricter because Latin loanwords inside Chinese
     * are already discounted while Chinese inside English is not: a Chinese opener before an
     * English question ("想问一下 how long does it take ...", 0.80) is a mix.
     */
    static final double ZH_BELOW = 0.2;
    static final double EN_ABOVE = 0.85;
    /** Average Chinese word length in characters: converts Han characters into words. */
    static final double HAN_CHARS_PER_WORD = 1.5;
    /** What a lone Latin word inside Chinese (APP, 5G, wifi) counts as, in English words. */
    static final double LOANWORD_WEIGHT = 0.25;
    /** A run of this many Latin words is English prose even without a function word. */
    static final int PROSE_WORDS = 5;
    /** Function words that no product name contains: their presence makes a run of words English prose. */
    private static final Set<String> ENGLISH_FUNCTION_WORDS = Set.of("i", "me", "my", "you", "your", "we", "our",
            "they", "their", "he", "she", "it", "its", "the", "a", "an", "and", "or", "but", "so", "to", "of", "in",
            "on", "at", "for", "with", "from", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did",
            "have", "has", "had", "not", "no", "very", "too", "this", "that", "there", "what", "why", "how", "when",
            "can", "can't", "cannot", "don't", "didn't", "isn't", "will", "would", "should", "could", "just",
            "really", "all", "any", "still", "even", "please", "thanks", "thank", "it's", "i'm", "good", "bad");

    /**
     * Chinese function words dropped from the classifier's tokens, besides SmartChineseAnalyzer's
     * own punctuation list: particles, pronouns, prepositions and conjunctions occur in every
     * category, so on a small seed corpus they only add noise (and hash collisions in HashingTF).
     * Negators (不, 没, 没有, 无, 未) are kept: a sentiment model built on the same tokens needs
     * them. 很 goes (it says nothing about a category); 太 stays (it marks complaints). Numerals
     * go as digits do.
     */
    private static final List<String> CHINESE_STOP_WORDS = List.of("的", "地", "得", "了", "着", "过", "是", "在",
            "和", "与", "及", "或", "而", "就", "都", "也", "还", "又", "再", "吧", "吗", "呢", "啊", "呀", "哦", "嗯",
            "哈", "啦", "嘛", "么", "之", "其", "这", "那", "这个", "那个", "这些", "那些", "这样", "那样", "这么",
            "那么", "我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "她们", "咱们", "自己", "个", "一个",
            "一下", "把", "被", "让", "给", "对", "向", "从", "到", "于", "为", "为了", "因为", "所以", "如果",
            "虽然", "而且", "然后", "就是", "还是", "什么", "怎么", "哪", "哪里", "很",
            // numerals, which SmartChineseAnalyzer emits one character at a time: numbers are dropped
            "零", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "几");

    /**
     * English stop words: Lucene's list without its negations ("no", "not") plus pronouns,
     * auxiliaries and contractions' remains. Negations stay tokens because they carry sentiment;
     * "too", "very" and "please" stay as they separate complaints from requests.
     */
    private static final List<String> ENGLISH_STOP_WORDS = List.of("a", "an", "the", "and", "or", "but", "if", "of",
            "at", "by", "for", "with", "about", "to", "from", "in", "into", "on", "onto", "as", "is", "are", "was",
            "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "having", "i", "me",
            "my", "mine", "myself", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she",
            "her", "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "there",
            "here", "then", "than", "so", "such", "just", "also", "what", "which", "who", "whom", "whose", "when",
            "where", "while", "how", "why", "will", "would", "shall", "should", "can", "could", "may", "might",
            "must", "i'm", "i've", "i'd", "i'll", "you're", "you've", "we're", "we've", "they're", "they've",
            "let's", "it'll", "that'll");

    /** Contractions whose negation survives as the token "not" ("aren't", "cant", "cannot"). */
    private static final Set<String> APOSTROPHE_FREE_NEGATIONS = Set.of("dont", "doesnt", "didnt", "isnt", "arent",
            "wasnt", "werent", "cant", "cannot", "couldnt", "wouldnt", "shouldnt", "havent", "hasnt", "hadnt", "wont",
            "aint");
    /** A network generation keeps its digit ("5g"); any other number glued to a unit keeps only the unit ("100gb" → "gb"). */
    private static final Pattern NETWORK_GENERATION = Pattern.compile("[2-6]g");
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("[0-9.]+([a-z]+)");
    /** "Wi-Fi" would be the tokens wi and fi; customers write wifi, WiFi and Wi-Fi alike. */
    private static final Pattern WI_FI = Pattern.compile("(?i)\\bwi-fi\\b");

    private final SentimentLexicon lexicon;
    private transient volatile Analyzer chineseAnalyzer;
    private transient volatile Analyzer englishAnalyzer;
    private transient volatile LexiconMatcher matcher;

    public TextAnalyzer(SentimentLexicon lexicon) {
        this.lexicon = java.util.Objects.requireNonNull(lexicon, "lexicon");
    }

    /** An analyzer with the lexicon shipped in ganzhi-core. */
    public static TextAnalyzer withDefaultLexicon() {
        return new TextAnalyzer(SentimentLexicon.defaults());
    }

    public SentimentLexicon lexicon() {
        return lexicon;
    }

    /**
     * Feedback text as a reader sees it: HTML tags stripped (script and style with their content),
     * the common entities decoded (&amp;nbsp; &amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;#NNN; &amp;#xHH;),
     * Unicode NFKC (full-width letters, digits and punctuation to half-width, ① to 1), invisible
     * characters removed, whitespace collapsed to single spaces and trimmed. Emoji are kept. Null
     * stays null.
     */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw;
        if (text.indexOf('<') >= 0) {
            text = SCRIPT_OR_STYLE.matcher(text).replaceAll(" ");
            text = HTML_COMMENT.matcher(text).replaceAll(" ");
            text = replaceTags(text);
        }
        if (text.indexOf('&') >= 0) {
            text = decodeEntities(text);
        }
        text = Normalizer.normalize(text, Normalizer.Form.NFKC);
        text = INVISIBLE.matcher(text).replaceAll("");
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    private static String replaceTags(String text) {
        Matcher tag = HTML_TAG.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (tag.find()) {
            tag.appendReplacement(out, BLOCK_TAGS.contains(tag.group(1).toLowerCase(java.util.Locale.ROOT)) ? " " : "");
        }
        tag.appendTail(out);
        return out.toString();
    }

    /** One pass, so "&amp;lt;" becomes the text "&lt;", not "<". Unknown names stay as written. */
    private static String decodeEntities(String text) {
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (entity.find()) {
            String name = entity.group(1);
            String decoded;
            if (name.startsWith("#")) {
                boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
                int cp = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
                decoded = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : entity.group();
            } else {
                decoded = NAMED_ENTITIES.getOrDefault(name, entity.group());
            }
            entity.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        entity.appendTail(out);
        return out.toString();
    }

    /**
     * "ZH", "EN", "MIXED", or "UNKNOWN" when the text has neither Han characters nor Latin
     * letters (only emoji, digits, punctuation, or another script). Null → "UNKNOWN".
     *
     * <p>Both sides are counted in words: Han characters / 1.5 (the average Chinese word length),
     * and Latin words (letters, possibly with digits: "5G" is a word, "2024" is not). A run of
     * Latin words not interrupted by Han characters counts fully when it is English prose: 5 words
     * or more, or 2 or more of which one is a function word ("the", "is", "not", "very", ...) or
     * two are all lower case ("broadband keeps dropping"). Otherwise its words are loanwords
     * inside Chinese (APP, 5G, wifi, "iPhone 15 Pro Max") and count 0.25 each. With e = English
     * words / (English words + Chinese words): e &lt; 0.2 → ZH, e &gt; 0.85 → EN, otherwise
     * MIXED. So "APP闪退了" (0.25 vs 2) is ZH, "我的APP和wifi都连不上5G" (0.75 vs 4.7) is ZH,
     * "地铁里又掉线了, the signal is terrible" (4 vs 4) is MIXED, and a long English text with one
     * Chinese word stays EN.
     */
    public static String language(String text) {
        String cleaned = clean(text);
        if (cleaned == null) {
            return "UNKNOWN";
        }
        int hanChars = 0;
        double englishWords = 0;
        int runWords = 0;
        int runFunctionWords = 0;
        int runLowerCaseWords = 0;
        int i = 0;
        int n = cleaned.length();
        while (i <= n) {
            int cp = i < n ? cleaned.codePointAt(i) : -1;
            if (cp == -1 || TextScripts.isHan(cp)) {
                // a Han character (or the end) closes the current run of Latin words
                if (runWords > 0) {
                    boolean prose = runWords >= PROSE_WORDS
                            || (runWords >= 2 && (runFunctionWords > 0 || runLowerCaseWords >= 2));
                    englishWords += prose ? runWords : runWords * LOANWORD_WEIGHT;
                }
                runWords = 0;
                runFunctionWords = 0;
                runLowerCaseWords = 0;
                if (cp == -1) {
                    break;
                }
                hanChars++;
                i += Character.charCount(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                int end = i;
                boolean latin = false;
                while (end < n) {
                    int c = cleaned.codePointAt(end);
                    if (TextScripts.isLatinLetter(c)) {
                        latin = true;
                    } else if (!(Character.isDigit(c) || ((c == '\'' || c == '\u2019') && end > i))) {
                        break;
                    }
                    end += Character.charCount(c);
                }
                if (end == i) {
                    end = i + Character.charCount(cp);
                } else if (latin) {
                    String word = cleaned.substring(i, end);
                    runWords++;
                    runFunctionWords += ENGLISH_FUNCTION_WORDS.contains(
                            word.toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'')) ? 1 : 0;
                    runLowerCaseWords += word.length() >= 3 && word.chars().allMatch(Character::isLowerCase) ? 1 : 0;
                }
                i = end;
            } else {
                i += Character.charCount(cp);
            }
        }
        double chineseWords = hanChars / HAN_CHARS_PER_WORD;
        if (chineseWords == 0 && englishWords == 0) {
            return "UNKNOWN";
        }
        double englishShare = englishWords / (englishWords + chineseWords);
        return englishShare < ZH_BELOW ? "ZH" : englishShare > EN_ABOVE ? "EN" : "MIXED";
    }

    /**
     * Lower-case tokens for a category classifier (HashingTF), in text order. The text is cleaned
     * and the ingest's mask placeholders ("[phone:…]", "[email]", "[name]") removed. Then:
     * <ul>
     * <li>Chinese runs: the telecom words SmartChineseAnalyzer does not know (掉线, 客服, 携号转网:
     * {@link TelecomVocabulary}) are taken whole, the rest is segmented by SmartChineseAnalyzer;
     * punctuation and Chinese function words are dropped, negators kept.</li>
     * <li>Everything else: Lucene's StandardTokenizer, possessives dropped, lower case,
     * negative contractions turned into "not" ("aren't", "cant"), English stop words dropped
     * (but never no/not/never/nor/without), then Porter stemming. Porter rather than a minimal
     * (plural-only) stemmer: a classifier trained on about 40 examples per category needs
     * "charged", "charges" and "charging" to be one feature, and over-stemming merges few telecom
     * words that should stay apart.</li>
     * <li>Numbers are dropped; a network generation stays ("5g", "4g"); a number glued to a unit
     * keeps the unit ("100gb" → "gb").</li>
     * <li>Each emoji is one token (skin tone and presentation selector removed).</li>
     * </ul>
     */
    public List<String> tokens(String text) {
        String cleaned = clean(text);
        List<String> tokens = new ArrayList<>();
        if (cleaned == null || cleaned.isEmpty()) {
            return tokens;
        }
        String unmasked = MASK_PLACEHOLDER.matcher(cleaned).replaceAll(" ");
        int i = 0;
        int n = unmasked.length();
        while (i < n) {
            int cp = unmasked.codePointAt(i);
            if (TextScripts.isHan(cp)) {
                int end = i;
                while (end < n && TextScripts.isHan(unmasked.codePointAt(end))) {
                    end += Character.charCount(unmasked.codePointAt(end));
                }
                chineseTokens(unmasked.substring(i, end), tokens);
                i = end;
                continue;
            }
            int emojiEnd = TextScripts.emojiEnd(unmasked, i);
            if (emojiEnd > 0) {
                tokens.add(TextScripts.emojiKey(unmasked.substring(i, emojiEnd)));
                i = emojiEnd;
                continue;
            }
            int end = i;
            while (end < n) {
                int next = unmasked.codePointAt(end);
                if (TextScripts.isHan(next) || TextScripts.emojiEnd(unmasked, end) > 0) {
                    break;
                }
                end += Character.charCount(next);
            }
            otherTokens(unmasked.substring(i, end), tokens);
            i = end;
        }
        return tokens;
    }

    /**
     * The lexicon sentiment of a text in -1..1, 0 when no sentiment word occurs: sentiment words
     * ±1, turned around (×-0.75) by a negator up to 3 words or characters before them in the same
     * clause, scaled by degree words ("非常" 1.5, "a bit" 0.7), later clauses weighted 1.5 after
     * a contrast marker ("但是", "but") and earlier ones 0.5, emoji adding their polarity; the sum
     * S gives S / (|S| + 1). See {@link LexiconMatcher} for why this formula.
     */
    public double sentiment(String text) {
        String cleaned = clean(text);
        if (cleaned == null || cleaned.isEmpty()) {
            return 0.0;
        }
        return matcher().score(MASK_PLACEHOLDER.matcher(cleaned).replaceAll(" "));
    }

    private void chineseTokens(String hanRun, List<String> tokens) {
        int gapStart = 0;
        int i = 0;
        while (i < hanRun.length()) {
            int known = TelecomVocabulary.longestMatch(hanRun, i);
            if (known > 0) {
                if (gapStart < i) {
                    analyze(chineseAnalyzer(), hanRun.substring(gapStart, i), tokens);
                }
                tokens.add(hanRun.substring(i, i + known));
                i += known;
                gapStart = i;
            } else {
                i++;
            }
        }
        if (gapStart < hanRun.length()) {
            analyze(chineseAnalyzer(), hanRun.substring(gapStart), tokens);
        }
    }

    private void otherTokens(String run, List<String> tokens) {
        if (run.chars().noneMatch(Character::isLetter)) {
            return;
        }
        List<String> analyzed = new ArrayList<>();
        analyze(englishAnalyzer(), WI_FI.matcher(run.replace('\u2019', '\'')).replaceAll("wifi"), analyzed);
        for (String token : analyzed) {
            if (token.chars().noneMatch(Character::isLetter)) {
                continue;
            }
            Matcher unit = NUMBER_WITH_UNIT.matcher(token);
            tokens.add(unit.matches() && !NETWORK_GENERATION.matcher(token).matches() ? unit.group(1) : token);
        }
    }

    private static void analyze(Analyzer analyzer, String text, List<String> tokens) {
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 0 && hasLetterOrDigit(term)) {
                    tokens.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("tokenising feedback text", e);
        }
    }

    private static boolean hasLetterOrDigit(CharSequence term) {
        for (int i = 0; i < term.length(); i++) {
            if (Character.isLetterOrDigit(term.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private Analyzer chineseAnalyzer() {
        Analyzer analyzer = chineseAnalyzer;
        if (analyzer == null) {
            synchronized (this) {
                if (chineseAnalyzer == null) {
                    CharArraySet stopWords = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), false);
                    stopWords.addAll(CHINESE_STOP_WORDS);
                    chineseAnalyzer = new SmartChineseAnalyzer(CharArraySet.unmodifiableSet(stopWords));
                }
                analyzer = chineseAnalyzer;
            }
        }
        return analyzer;
    }

    private Analyzer englishAnalyzer() {
        Analyzer analyzer = englishAnalyzer;
        if (analyzer == null) {
            synchronized (this) {
                if (englishAnalyzer == null) {
                    englishAnalyzer = new FeedbackEnglishAnalyzer();
                }
                analyzer = englishAnalyzer;
            }
        }
        return analyzer;
    }

    private LexiconMatcher matcher() {
        LexiconMatcher built = matcher;
        if (built == null) {
            synchronized (this) {
                if (matcher == null) {
                    matcher = new LexiconMatcher(lexicon);
                }
                built = matcher;
            }
        }
        return built;
    }

    /** StandardTokenizer → possessives → lower case → negations as "not" → stop words → Porter. */
    private static final class FeedbackEnglishAnalyzer extends Analyzer {
        private static final CharArraySet STOP_WORDS =
                CharArraySet.unmodifiableSet(new CharArraySet(ENGLISH_STOP_WORDS, false));

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = new EnglishPossessiveFilter(source);
            stream = new LowerCaseFilter(stream);
            stream = new NegationFilter(stream);
            stream = new StopFilter(stream, STOP_WORDS);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }
    }

    /** "aren't", "won't", "cannot", "dont" → "not": one negation feature however it is spelt. */
    private static final class NegationFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        NegationFilter(TokenStream input) {
            super(input);
        }

        @Override
        public boolean incrementToken() throws IOException {
            if (!input.incrementToken()) {
                return false;
            }
            String word = term.toString();
            if (word.endsWith("n't") || APOSTROPHE_FREE_NEGATIONS.contains(word)) {
                term.setEmpty().append("not");
            }
            return true;
        }
    }
}

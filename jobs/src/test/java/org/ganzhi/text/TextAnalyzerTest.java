package org.ganzhi.text;

import com.typesafe.config.ConfigFactory;
import org.ganzhi.config.ConfigError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text stage's pure-Java toolkit, without Spark: cleaning, language, tokens, lexicon sentiment, seed corpus. */
class TextAnalyzerTest {
    private static final TextAnalyzer ANALYZER = TextAnalyzer.withDefaultLexicon();

    @Test
    void cleanStripsHtmlAndDecodesEntities() {
        assertEquals("信号太差 & 经常掉线 <1M> \"真的\" A",
                TextAnalyzer.clean("<p>信号<b>太差</b>&nbsp;&amp; 经常掉线</p><br/>&lt;1M&gt; &quot;真的&quot; &#65;"));
        assertEquals("网速<1M 很慢", TextAnalyzer.clean("网速<1M 很慢"), "a lone < is text, not a tag");
        assertEquals("ok", TextAnalyzer.clean("<script>alert(1)</script> ok <!-- note -->"));
        assertEquals("&lt;", TextAnalyzer.clean("&amp;lt;"), "entities decode once");
        assertNull(TextAnalyzer.clean(null));
    }

    @Test
    void cleanFoldsFullWidthCollapsesWhitespaceAndKeepsEmoji() {
        assertEquals("APP 5G套餐100元, 太贵了! 😡", TextAnalyzer.clean("ＡＰＰ\u3000５Ｇ套餐１００元，  太贵了！\n\t😡"));
        assertEquals("👍🏻 好", TextAnalyzer.clean("\u200B👍🏻\u00A0 好\uFEFF"));
    }

    @Test
    void languageFromHanAndLatinWordShares() {
        assertEquals("ZH", TextAnalyzer.language("我的手机信号很差经常掉线"));
        assertEquals("ZH", TextAnalyzer.language("APP闪退了"));
        assertEquals("ZH", TextAnalyzer.language("我的APP和wifi都连不上5G"), "a few product words stay Chinese");
        assertEquals("ZH", TextAnalyzer.language("用的是iPhone 15 Pro Max，信号一般"), "a product name is not English prose");
        assertEquals("EN", TextAnalyzer.language("I was overcharged and the bills aren't clear"));
        assertEquals("EN", TextAnalyzer.language("ok"));
        assertEquals("MIXED", TextAnalyzer.language("地铁里又掉线了, the signal is just terrible every morning."));
        assertEquals("MIXED", TextAnalyzer.language("Very good 很好"));
        assertEquals("UNKNOWN", TextAnalyzer.language("😡😡😡"));
        assertEquals("UNKNOWN", TextAnalyzer.language("12345 !!!"));
        assertEquals("UNKNOWN", TextAnalyzer.language(null));
    }

    @Test
    void chineseTokensKeepTelecomWordsAndDropMasksAndPunctuation() {
        List<String> tokens = ANALYZER.tokens("我的手机信号很差经常掉线[phone:0123456789abcdef]，客服[name]说[email]是基站问题。");
        assertTrue(tokens.containsAll(List.of("信号", "掉线", "手机", "客服", "基站")), tokens.toString());
        assertTrue(tokens.contains("差"), tokens.toString());
        assertFalse(tokens.stream().anyMatch(t -> t.contains("phone") || t.contains("0123") || t.equals("email")
                || t.equals("name") || t.equals("，") || t.equals("的") || t.equals("。")), tokens.toString());
        assertTrue(ANALYZER.tokens("不稳定，没有信号").containsAll(List.of("不", "稳定", "没有", "信号")), "negators are kept");
        assertEquals(List.of("套路"), ANALYZER.tokens("被套路"), "被 is a stop word, 套路 one word");
    }

    @Test
    void englishTokensKeepNegationStemAndDropNumbers() {
        List<String> tokens = ANALYZER.tokens("I was overcharged and the bills aren't clear");
        assertTrue(tokens.contains("not"), tokens.toString());
        assertTrue(tokens.containsAll(List.of("overcharg", "bill", "clear")), tokens.toString());
        assertFalse(tokens.contains("the") || tokens.contains("i") || tokens.contains("was"), tokens.toString());
        assertEquals(List.of("no", "signal", "never", "not", "not", "5g", "4g", "gb", "wifi", "wifi"),
                ANALYZER.tokens("No signal, never. Can't dont 5G ４Ｇ 100GB 2024 3.5 Wi-Fi WiFi"));
    }

    @Test
    void mixedTextTokensInTextOrderWithEmoji() {
        List<String> tokens = ANALYZER.tokens("APP又闪退了😡👍🏻 the update is not working");
        assertEquals(List.of("app", "闪退", "😡", "👍", "updat", "not", "work"), tokens);
    }

    @Test
    void sentimentSignOnClearTexts() {
        assertTrue(ANALYZER.sentiment("客服态度很好，处理得很及时，非常满意") > 0);
        assertTrue(ANALYZER.sentiment("信号差，经常掉线，还乱扣费，太坑了") < 0);
        assertTrue(ANALYZER.sentiment("The agent was friendly and really helpful, great service") > 0);
        assertTrue(ANALYZER.sentiment("I was overcharged and the bills aren't clear, terrible") < 0);
        assertTrue(ANALYZER.sentiment("网速太慢了😡") < 0);
        assertTrue(ANALYZER.sentiment("👍👍") > 0);
        assertEquals(0.0, ANALYZER.sentiment("请问营业厅几点开门？"));
        assertEquals(0.0, ANALYZER.sentiment("What time does the store open?"));
        assertEquals(0.0, ANALYZER.sentiment(null));
        double score = ANALYZER.sentiment("垃圾垃圾垃圾垃圾垃圾垃圾垃圾垃圾");
        assertTrue(score > -1.0 && score < -0.8, "bounded: " + score);
    }

    @Test
    void negationFlipsTheNextSentimentWord() {
        assertTrue(ANALYZER.sentiment("好") > 0);
        assertTrue(ANALYZER.sentiment("不好") < 0);
        assertTrue(ANALYZER.sentiment("信号不太稳定") < 0);
        assertTrue(ANALYZER.sentiment("没有问题") >= 0);
        assertTrue(ANALYZER.sentiment("最近没怎么掉线") > 0);
        assertTrue(ANALYZER.sentiment("不知道为什么经常掉线") < 0, "a negator only reaches a few characters");
        assertTrue(ANALYZER.sentiment("not bad") >= 0);
        assertTrue(ANALYZER.sentiment("the signal isn't good") < 0);
        assertTrue(ANALYZER.sentiment("It never drops anymore") > 0);
        assertTrue(ANALYZER.sentiment("The app no longer works") < 0);
        assertTrue(ANALYZER.sentiment("不好意思，想问一下") == 0.0, "neutral phrases mask their sentiment words");
    }

    @Test
    void intensifiersScaleAndContrastWeighsTheLaterClause() {
        assertTrue(ANALYZER.sentiment("非常好") > ANALYZER.sentiment("好"));
        assertTrue(ANALYZER.sentiment("太差了") < ANALYZER.sentiment("差"));
        assertTrue(ANALYZER.sentiment("extremely slow") < ANALYZER.sentiment("slow"));
        assertTrue(ANALYZER.sentiment("a bit slow") > ANALYZER.sentiment("slow"));
        assertTrue(ANALYZER.sentiment("信号还行，但是客服态度太差") < 0);
        assertTrue(ANALYZER.sentiment("The plan is expensive but the network is excellent") > 0);
    }

    @Test
    void lexiconReadsOverridesAndRefusesMistakes() {
        var config = ConfigFactory.parseString("""
                lexicon {
                  positive = ["好", "Great"], negative = ["差", "hidden-fees"], negators = ["不", "not"]
                  intensifiers { "非常" = 2, "very" = 1.5 }, emoji { "👍️" = 1 }
                }""");
        SentimentLexicon lexicon = SentimentLexicon.from(config);
        assertTrue(lexicon.positive().contains("great") && lexicon.emoji().containsKey("👍"));
        TextAnalyzer small = new TextAnalyzer(lexicon);
        assertTrue(small.sentiment("Hidden fees again") < 0 && small.sentiment("非常好") > small.sentiment("好"));
        assertThrows(ConfigError.class, () -> SentimentLexicon.from(ConfigFactory.parseString(
                "lexicon { positive = [\"5G好\"], negative = [], negators = [], intensifiers {}, emoji {} }")));
        assertThrows(ConfigError.class, () -> SentimentLexicon.from(ConfigFactory.parseString(
                "lexicon { positive = [\"good\"], negative = [\"goods\"], negators = [], intensifiers {}, emoji {} }")));
        assertThrows(ConfigError.class, () -> SentimentLexicon.from(ConfigFactory.parseString(
                "lexicon { positive = [], negative = [], negators = [], intensifiers { very = 9 }, emoji {} }")));
        // The lexicon reached through reference.conf's include is the shipped one.
        assertEquals(SentimentLexicon.defaults(),
                SentimentLexicon.from(ConfigFactory.defaultReference().getConfig("ganzhi.text")));
    }

    @Test
    void defaultLexiconIsSizeable() {
        Map<String, Integer> sizes = ANALYZER.lexicon().sizes();
        System.out.println("lexicon sizes: " + sizes);
        assertTrue(sizes.get("positive.zh") + sizes.get("negative.zh") >= 150, sizes.toString());
        assertTrue(sizes.get("positive.en") + sizes.get("negative.en") >= 150, sizes.toString());
    }

    @Test
    void analyzerSurvivesJavaSerialisation() throws Exception {
        ANALYZER.tokens("先用一次");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ANALYZER);
        }
        TextAnalyzer copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (TextAnalyzer) in.readObject();
        }
        assertEquals(ANALYZER.tokens("客服态度差 rude agent"), copy.tokens("客服态度差 rude agent"));
        assertEquals(ANALYZER.sentiment("客服态度差 rude agent"), copy.sentiment("客服态度差 rude agent"));
    }

    @Test
    void seedCorpusIsBalancedAndAgreesWithTheLexicon() {
        List<LabelledText> seed = LabelledText.seedExamples();
        Map<String, Long> counts = seed.stream().collect(Collectors.groupingBy(
                e -> e.category() + "/" + e.language() + "/" + e.sentiment(), TreeMap::new, Collectors.counting()));
        System.out.println("seed corpus: " + seed.size() + " rows " + counts);
        for (String category : LabelledText.CATEGORIES) {
            for (String language : List.of("ZH", "EN")) {
                long rows = seed.stream().filter(e -> e.category().equals(category) && e.language().equals(language)).count();
                assertTrue(rows >= 40, category + "/" + language + ": " + rows);
                long negative = counts.getOrDefault(category + "/" + language + "/NEGATIVE", 0L);
                assertTrue(negative >= rows * 0.4 && negative <= rows * 0.6, category + "/" + language + " negatives " + negative);
            }
        }
        assertTrue(seed.stream().filter(e -> e.language().equals("MIXED")).count() >= 25);
        assertTrue(seed.stream().allMatch(e -> LabelledText.CATEGORIES.contains(e.category())
                && LabelledText.SENTIMENTS.contains(e.sentiment()) && LabelledText.LANGUAGES.contains(e.language())));

        // The lexicon's sign against the NEGATIVE / POSITIVE labels, per language.
        Map<String, int[]> agreement = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        int neutralZero = 0;
        int neutral = 0;
        for (LabelledText example : seed) {
            double score = ANALYZER.sentiment(example.text());
            if (example.sentiment().equals("NEUTRAL")) {
                neutral++;
                neutralZero += Math.abs(score) < 0.15 ? 1 : 0;
                continue;
            }
            boolean agrees = example.sentiment().equals("NEGATIVE") ? score < 0 : score > 0;
            int[] tally = agreement.computeIfAbsent(example.language(), l -> new int[2]);
            tally[0] += agrees ? 1 : 0;
            tally[1]++;
            if (!agrees) {
                misses.add(String.format("%s %.2f %s", example.sentiment(), score, example.text()));
            }
        }
        int agreeing = agreement.values().stream().mapToInt(t -> t[0]).sum();
        int labelled = agreement.values().stream().mapToInt(t -> t[1]).sum();
        System.out.printf("lexicon sign agrees with %d of %d NEGATIVE/POSITIVE seed rows (%.1f %%): %s%n", agreeing,
                labelled, 100.0 * agreeing / labelled, agreement.entrySet().stream()
                        .map(e -> String.format("%s %d/%d", e.getKey(), e.getValue()[0], e.getValue()[1])).toList());
        System.out.printf("neutral seed rows scored within ±0.15: %d of %d%n", neutralZero, neutral);
        misses.forEach(m -> System.out.println("  disagrees: " + m));
        assertTrue(agreeing >= 0.8 * labelled, agreeing + " of " + labelled);

        long mixedDetected = seed.stream().filter(e -> e.language().equals("MIXED"))
                .filter(e -> TextAnalyzer.language(e.text()).equals("MIXED")).count();
        long zhEnDetected = seed.stream().filter(e -> !e.language().equals("MIXED"))
                .filter(e -> TextAnalyzer.language(e.text()).equals(e.language())).count();
        System.out.printf("language(): %d of %d ZH/EN rows and %d of %d MIXED rows as labelled%n", zhEnDetected,
                seed.stream().filter(e -> !e.language().equals("MIXED")).count(), mixedDetected,
                seed.stream().filter(e -> e.language().equals("MIXED")).count());
        assertEquals(seed.stream().filter(e -> !e.language().equals("MIXED")).count(), zhEnDetected);
    }

    @Test
    void throughputOfTokensAndSentiment() {
        List<String> texts = new ArrayList<>();
        for (int copy = 0; texts.size() < 4000; copy++) {
            for (LabelledText example : LabelledText.seedExamples()) {
                texts.add(example.text() + (copy % 2 == 0 ? "" : " 😡 <br>[phone:0123456789abcdef]"));
            }
        }
        TextAnalyzer fresh = TextAnalyzer.withDefaultLexicon();
        long firstUse = System.nanoTime();
        fresh.tokens("预热一下分词器 warm up");
        fresh.sentiment("预热");
        firstUse = System.nanoTime() - firstUse;
        for (String text : texts.subList(0, 1000)) {
            fresh.tokens(text);
            fresh.sentiment(text);
        }
        long start = System.nanoTime();
        long tokenCount = 0;
        double checksum = 0;
        for (String text : texts) {
            tokenCount += fresh.tokens(text).size();
            checksum += fresh.sentiment(text);
        }
        long elapsed = System.nanoTime() - start;
        System.out.printf("tokens()+sentiment(): %d texts in %d ms, %.1f µs per text on one thread (%d tokens, "
                        + "checksum %.2f); a new instance's first call %d ms%n", texts.size(), elapsed / 1_000_000,
                elapsed / 1000.0 / texts.size(), tokenCount, checksum, firstUse / 1_000_000);
        assertTrue(tokenCount > texts.size());
    }
}

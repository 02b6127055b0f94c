package org.ganzhi.generate;

import org.ganzhi.generate.FeedbackPhrases.Bank;
import org.ganzhi.generate.FeedbackPhrases.Topic;
import org.ganzhi.generate.Planted.Sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Composes the text of one feedback row from the phrase banks: an optional opening, a product
 * context for some product topics, the subject of the topic in the planted sentiment, optional
 * detail, feeling, privacy sentences (phone number, e-mail address, name) and closing, each drawn
 * from the bank of the language and with its placeholders filled; joined with the language's
 * punctuation. A MIXED text is a Chinese one with English words swapped in. Then, by chance, a
 * typo or colloquial spelling, a social handle or hashtag, emoji, the HTML a web form keeps, or,
 * for a hotline transcript, the agent's lines around the customer's. Everything is drawn from
 * the caller's stream, so a seed gives the same text. One instance per simulator; not
 * thread-safe (it reuses its buffers).
 */
final class FeedbackTexts {
    /** What was composed: the text and what it names. Reused from one text to the next. */
    static final class Composed {
        String text;
        /** The product the text names, or null. */
        String product;
        /** The service item the text is about, or null. */
        String item;
        boolean phone;
        boolean email;
        boolean name;
    }

    /** Who writes: the city a text may mention and the numbers a privacy sentence may hold. */
    interface Author {
        String city();

        /** The writer's own national number. */
        String national();

        /** Another subscriber's national number (a family member's, a colleague's). */
        String someoneElse(Rng rng);
    }

    private static final int[] HOURS = {2, 4, 12, 24, 48, 72};
    private static final int[] GIGABYTES = {1, 2, 3, 5, 8, 10, 15, 20, 30, 40};
    private static final int[] ROUND_AMOUNTS = {10, 20, 30, 50, 100, 200};

    private final FeedbackSettings settings;
    private final FeedbackPhrases phrases;
    private final String[] allProducts;
    private final String countryCode;
    private final Composed out = new Composed();
    private final List<String> clauses = new ArrayList<>();
    private final StringBuilder buffer = new StringBuilder(256);

    // The text being composed: its bank, topic and writer.
    private Bank bank;
    private Topic topic;
    private Author author;
    private boolean english;

    /** @param countryCode the operator's country calling code, for numbers written in international form */
    FeedbackTexts(FeedbackSettings settings, String countryCode) {
        this.settings = settings;
        this.phrases = settings.phrases;
        this.allProducts = settings.products.toArray(new String[0]);
        this.countryCode = countryCode;
    }

    /**
     * One text.
     *
     * @param language  index into {@link Planted#FEEDBACK_LANGUAGES}
     * @param dimension index into {@link Planted#DIMENSIONS}
     * @param topic     index into the dimension's topics
     * @param channel   index into {@link Planted#FEEDBACK_CHANNELS}
     */
    Composed compose(Rng rng, int language, int dimension, int topic, Sentiment sentiment, int channel, Author author) {
        FeedbackSettings f = settings;
        this.english = language == Planted.EN;
        this.bank = english ? phrases.en : phrases.zh;
        this.topic = phrases.topics[dimension][topic];
        this.author = author;
        int s = sentiment.ordinal();
        out.text = null;
        out.product = null;
        out.item = this.topic.item;
        out.phone = false;
        out.email = false;
        out.name = false;
        boolean survey = channel == Planted.SURVEY;
        boolean hotline = channel == Planted.HOTLINE;

        // A survey verbatim answers a question: the subject and maybe a detail, nothing around them.
        clauses.clear();
        String subject = pick(rng, bank.subjects[dimension][topic][s]);
        if (!survey && rng.chance(f.openingShare)) {
            String opening = pick(rng, bank.openings[s]);
            // "请问一下，请问…": nobody asks twice in one breath.
            if (!(asks(opening) && asks(subject))) {
                clauses.add(fill(rng, opening));
            }
        }
        // A subject that names the product needs no product context in front of it.
        if (this.topic.productContext && !subject.contains("{product}") && rng.chance(f.productContextShare)) {
            clauses.add(fill(rng, pick(rng, bank.productContext)));
        }
        clauses.add(fill(rng, subject));
        String[] details = bank.details[dimension][topic][s];
        if (details.length > 0 && rng.chance(f.detailShare)) {
            clauses.add(fill(rng, pick(rng, details)));
        }
        if (!survey && bank.feelings[s].length > 0 && rng.chance(f.feelingShare)) {
            clauses.add(fill(rng, pick(rng, bank.feelings[s])));
        }
        if (rng.chance(f.phoneShare)) {
            clauses.add(fill(rng, pick(rng, bank.phone)));
            out.phone = true;
        }
        if (rng.chance(f.emailShare)) {
            clauses.add(fill(rng, pick(rng, bank.email)));
            out.email = true;
        }
        if (rng.chance(f.nameShare)) {
            clauses.add(fill(rng, pick(rng, bank.name)));
            out.name = true;
        }
        if (!survey && rng.chance(f.closingShare)) {
            clauses.add(fill(rng, pick(rng, bank.closings[s])));
        }

        // Web forms keep their markup: line breaks or non-breaking spaces between the sentences, or a paragraph.
        int html = !hotline && rng.chance(f.htmlShare[channel]) ? rng.nextInt(4) : -1;
        String htmlJoiner = switch (html) {
            case 0 -> "<br>";
            case 1 -> "<br/>";
            case 2 -> "&nbsp;";
            default -> null;
        };
        String text = join(rng, s, htmlJoiner);
        if (language == Planted.MIXED) {
            text = mix(rng, text, s);
        }
        if (rng.chance(f.typoShare)) {
            text = typo(rng, text);
        }
        if (channel == Planted.SOCIAL && rng.chance(f.socialTagShare)) {
            text = tag(rng, text, s);
        }
        if (!hotline && rng.chance(f.emojiShare)) {
            text = emoji(rng, text, s);
        }
        if (hotline) {
            text = transcript(rng, text, s);
        }
        if (html == 3) {
            text = "<p>" + text + "</p>";
        }
        out.text = text;
        return out;
    }

    // ---- joining ----------------------------------------------------------------------------------

    private String join(Rng rng, int s, String htmlJoiner) {
        StringBuilder sb = buffer;
        sb.setLength(0);
        for (int i = 0; i < clauses.size(); i++) {
            String clause = clauses.get(i);
            boolean capital = i == 0;
            if (i > 0) {
                boolean ended = endsSentence(sb.charAt(sb.length() - 1));
                String joiner = htmlJoiner != null ? htmlJoiner : ended ? (english ? " " : "") : pick(rng, bank.joiners);
                sb.append(joiner);
                capital = ended || htmlJoiner != null || joiner.startsWith(".");
            }
            sb.append(english && capital ? capitalise(clause) : clause);
        }
        if (htmlJoiner != null && clauses.size() == 1) {
            // A one-sentence form text still carries the form's trailing markup.
            sb.append(htmlJoiner);
        } else if (!endsSentence(sb.charAt(sb.length() - 1))) {
            sb.append(pick(rng, bank.endings[s]));
        }
        String text = sb.toString();
        // An empty intensifier leaves a double space in English.
        return english ? text.replace("  ", " ") : text;
    }

    /** A Chinese clause that asks (请问, 想问, 问下) in its first words. */
    private static boolean asks(String clause) {
        int at = clause.indexOf('问');
        return at >= 0 && at <= 2;
    }

    private static boolean endsSentence(char ch) {
        return "。！？?!.…～".indexOf(ch) >= 0;
    }

    private static String capitalise(String clause) {
        return clause.isEmpty() ? clause : Character.toUpperCase(clause.charAt(0)) + clause.substring(1);
    }

    // ---- placeholders -------------------------------------------------------------------------------

    private String fill(Rng rng, String phrase) {
        int open = phrase.indexOf('{');
        if (open < 0) {
            return phrase;
        }
        StringBuilder sb = new StringBuilder(phrase.length() + 24);
        int at = 0;
        while (open >= 0) {
            int close = phrase.indexOf('}', open);
            sb.append(phrase, at, open).append(value(rng, phrase.substring(open + 1, close)));
            at = close + 1;
            open = phrase.indexOf('{', at);
        }
        return sb.append(phrase, at, phrase.length()).toString();
    }

    private String value(Rng rng, String placeholder) {
        return switch (placeholder) {
            case "very" -> pick(rng, bank.very);
            case "n" -> Integer.toString(rng.between(2, 9));
            case "many" -> Integer.toString(rng.between(5, 30));
            case "days" -> Integer.toString(rng.between(2, 15));
            case "hours" -> Integer.toString(HOURS[rng.nextInt(HOURS.length)]);
            case "minutes" -> Integer.toString(5 * rng.between(2, 18));
            case "amount" -> amount(rng);
            case "gb" -> Integer.toString(GIGABYTES[rng.nextInt(GIGABYTES.length)]);
            case "place" -> pick(rng, bank.places);
            case "time" -> pick(rng, bank.times);
            case "month" -> pick(rng, bank.months);
            case "city" -> english ? author.city() : bank.cities.getOrDefault(author.city(), author.city());
            case "product" -> productName(rng);
            case "item" -> itemName(rng);
            case "phone" -> phoneNumber(rng);
            case "email" -> emailAddress(rng);
            case "name" -> personName(rng);
            default -> throw new IllegalStateException("unknown placeholder {" + placeholder + "}");
        };
    }

    /** A price as customers quote it: whole yuan, the .9 and .5 of price tags, or a round figure. */
    private static String amount(Rng rng) {
        double u = rng.nextDouble();
        if (u < 0.5) {
            return Integer.toString(rng.between(5, 300));
        }
        if (u < 0.8) {
            return rng.between(5, 199) + (rng.chance(0.6) ? ".9" : ".5");
        }
        return Integer.toString(ROUND_AMOUNTS[rng.nextInt(ROUND_AMOUNTS.length)]);
    }

    /** The topic's product (or any), named; a text names one product however often it mentions it. */
    private String productName(Rng rng) {
        if (out.product == null) {
            out.product = pick(rng, topic.products.length > 0 ? topic.products : allProducts);
        }
        return pick(rng, bank.productNames.get(out.product));
    }

    private String itemName(Rng rng) {
        if (out.item == null) {
            out.item = pick(rng, topic.items);
        }
        return pick(rng, bank.itemNames.get(out.item));
    }

    /** The writer's number (or another subscriber's) in one of the spellings people type. */
    private String phoneNumber(Rng rng) {
        String national = rng.chance(settings.ownNumberShare) ? author.national() : author.someoneElse(rng);
        String grouped = national.length() == 11
                ? national.substring(0, 3) + " " + national.substring(3, 7) + " " + national.substring(7) : national;
        return switch (rng.nextInt(6)) {
            case 0, 1 -> national;
            case 2 -> grouped;
            case 3 -> grouped.replace(' ', '-');
            case 4 -> "+" + countryCode + " " + grouped;
            default -> "+" + countryCode + national;
        };
    }

    /** A free-mail address: a QQ number, a pinyin or English name with or without digits. */
    private String emailAddress(Rng rng) {
        return switch (rng.nextInt(4)) {
            case 0 -> rng.between(10_000_000, 2_000_000_000) + "@qq.com";
            case 1 -> pick(rng, phrases.pinyinNames).toLowerCase(Locale.ROOT).replace(" ", "") + rng.between(1, 99) + "@"
                    + pick(rng, phrases.emailDomains);
            case 2 -> pick(rng, phrases.enFirstNames).toLowerCase(Locale.ROOT) + "." + pick(rng, phrases.enLastNames).toLowerCase(Locale.ROOT)
                    + "@" + pick(rng, phrases.emailDomains);
            default -> pick(rng, phrases.enFirstNames).toLowerCase(Locale.ROOT) + rng.between(1970, 2008) + "@"
                    + pick(rng, phrases.emailDomains);
        };
    }

    /** A Chinese name in a Chinese text; an English or pinyin name in an English one. */
    private String personName(Rng rng) {
        if (!english) {
            return pick(rng, phrases.zhSurnames) + pick(rng, phrases.zhGivenNames);
        }
        return rng.chance(0.6) ? pick(rng, phrases.enFirstNames) + " " + pick(rng, phrases.enLastNames) : pick(rng, phrases.pinyinNames);
    }

    // ---- after joining --------------------------------------------------------------------------

    /** English words for some of the swappable Chinese ones; an English aside when none was swapped. */
    private String mix(Rng rng, String text, int s) {
        boolean swapped = false;
        for (String[] term : phrases.mixedTerms) {
            int at = text.indexOf(term[0]);
            while (at >= 0) {
                if (rng.chance(settings.mixedSwap)) {
                    String english = term[1 + rng.nextInt(term.length - 1)];
                    text = text.substring(0, at) + english + text.substring(at + term[0].length());
                    swapped = true;
                    at = text.indexOf(term[0], at + english.length());
                } else {
                    at = text.indexOf(term[0], at + term[0].length());
                }
            }
        }
        if (!swapped) {
            String aside = pick(rng, phrases.mixedExtras[s]);
            text = rng.chance(0.5) ? aside + "，" + text : text + " " + aside;
        }
        return text;
    }

    /**
     * One typo or colloquial spelling from the bank (a whole word in English), starting the search
     * at a random pair; English texts are also often typed all in lower case.
     */
    private String typo(Rng rng, String text) {
        String[][] typos = bank.typos;
        if (typos.length == 0) {
            return text;
        }
        int start = rng.nextInt(typos.length);
        for (int k = 0; k < typos.length; k++) {
            String[] pair = typos[(start + k) % typos.length];
            int at = english ? wholeWord(text, pair[0]) : text.indexOf(pair[0]);
            if (at >= 0) {
                text = text.substring(0, at) + pair[1] + text.substring(at + pair[0].length());
                break;
            }
        }
        return english && rng.chance(0.4) ? text.toLowerCase(Locale.ROOT) : text;
    }

    private static int wholeWord(String text, String word) {
        int at = text.indexOf(word);
        while (at >= 0) {
            int end = at + word.length();
            boolean startsWord = at == 0 || !Character.isLetter(text.charAt(at - 1));
            boolean endsWord = end == text.length() || !Character.isLetter(text.charAt(end));
            if (startsWord && endsWord) {
                return at;
            }
            at = text.indexOf(word, at + 1);
        }
        return -1;
    }

    /** A handle in front or a hashtag behind, as the platform's users write them. */
    private String tag(Rng rng, String text, int s) {
        String[] prefixes = bank.socialPrefix[s];
        String[] suffixes = bank.socialSuffix[s];
        if (prefixes.length == 0 && suffixes.length == 0) {
            return text;
        }
        boolean front = suffixes.length == 0 || (prefixes.length > 0 && rng.chance(0.5));
        return front ? pick(rng, prefixes) + text : text + pick(rng, suffixes);
    }

    /** One to three emoji of the sentiment at the end. */
    private String emoji(Rng rng, String text, int s) {
        String[] emoji = phrases.emoji[s];
        if (emoji.length == 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        if (english) {
            sb.append(' ');
        }
        int count = rng.chance(0.7) ? 1 : rng.between(2, 3);
        String first = pick(rng, emoji);
        for (int i = 0; i < count; i++) {
            // Repeated emoji are how people stress a feeling: the same one again, mostly.
            sb.append(rng.chance(0.7) ? first : pick(rng, emoji));
        }
        return sb.toString();
    }

    /** The customer's words between the agent's greeting (often) and reply, one turn per line or run on. */
    private String transcript(Rng rng, String text, int s) {
        String separator = rng.chance(0.6) ? "\n" : " ";
        StringBuilder sb = new StringBuilder(text.length() + 80);
        if (rng.chance(settings.hotlineGreetingShare)) {
            sb.append(bank.hotlineAgent).append(fill(rng, pick(rng, bank.hotlineGreetings))).append(separator);
        }
        sb.append(bank.hotlineCustomer).append(text).append(separator);
        sb.append(bank.hotlineAgent).append(fill(rng, pick(rng, bank.hotlineReplies[s])));
        return sb.toString();
    }

    private static String pick(Rng rng, String[] values) {
        return values[rng.nextInt(values.length)];
    }
}

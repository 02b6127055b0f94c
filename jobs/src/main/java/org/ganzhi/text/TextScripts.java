package org.ganzhi.text;

/**
 * Which script a character belongs to, as far as the text stage cares: Han (Chinese, segmented by
 * SmartChineseAnalyzer or matched against the lexicon character by character), emoji (one token
 * each, with its skin tone and presentation selector dropped), and everything else (Latin words,
 * digits, punctuation, spaces), which the English side reads.
 */
final class TextScripts {
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int COMBINING_KEYCAP = 0x20E3;

    private TextScripts() {
    }

    /** A Chinese character (CJK ideographs and their extensions, 〇, 々). */
    static boolean isHan(int codePoint) {
        return codePoint >= 0x2E80 && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /** A Latin letter, half- or full-width ("ａ" still counts before clean() folds it). */
    static boolean isLatinLetter(int codePoint) {
        return Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }

    /**
     * The end (exclusive) of the emoji that starts at {@code start}, or -1 when none does. An
     * emoji is a pictograph with what belongs to it: a skin tone, a presentation selector, a
     * keycap, tags, and further pictographs joined by zero-width joiners (👨‍👩‍👧 is one emoji), or
     * a pair of regional indicators (a flag).
     */
    static int emojiEnd(String text, int start) {
        int first = text.codePointAt(start);
        if (!isPictograph(first)) {
            return -1;
        }
        int end = start + Character.charCount(first);
        if (isRegionalIndicator(first)) {
            if (end < text.length() && isRegionalIndicator(text.codePointAt(end))) {
                end += 2;
            }
            return end;
        }
        while (end < text.length()) {
            int next = text.codePointAt(end);
            if (isEmojiModifier(next)) {
                end += Character.charCount(next);
            } else if (next == ZERO_WIDTH_JOINER && end + 1 < text.length()
                    && isPictograph(text.codePointAt(end + 1))) {
                end += 1 + Character.charCount(text.codePointAt(end + 1));
            } else {
                break;
            }
        }
        return end;
    }

    /**
     * The emoji as a token and lexicon key: without skin tones and presentation selectors, so 👍🏻,
     * 👍🏿 and 👍 are one feature and ❤️ finds the lexicon's ❤.
     */
    static String emojiKey(String emoji) {
        StringBuilder key = new StringBuilder(emoji.length());
        emoji.codePoints()
                .filter(cp -> !isSkinTone(cp) && cp != 0xFE0E && cp != 0xFE0F)
                .forEach(key::appendCodePoint);
        return key.toString();
    }

    private static boolean isPictograph(int cp) {
        return (cp >= 0x1F000 && cp <= 0x1FAFF && !isSkinTone(cp))
                || (cp >= 0x2600 && cp <= 0x27BF)   // miscellaneous symbols and dingbats: ☀ ❤ ✔ ❌
                || (cp >= 0x2B00 && cp <= 0x2BFF)   // ⭐ ⬆ ⭕
                || (cp >= 0x2300 && cp <= 0x23FF)   // ⌛ ⏰ ⏳
                || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
    }

    private static boolean isEmojiModifier(int cp) {
        return isSkinTone(cp) || cp == 0xFE0E || cp == 0xFE0F || cp == COMBINING_KEYCAP
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    private static boolean isSkinTone(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }
}

package org.ganzhi.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A feedback text with its perception category, sentiment and language: a row of the seed corpus
 * that trains the category classifier while an operator has no labelled texts of its own.
 *
 * @param category  NETWORK, SERVICE, PROCESS (orders, installation, repair, number transfer, SIM
 *                  paperwork), BILLING or PRODUCT (plans, allowances, value-added services, the app)
 * @param sentiment NEGATIVE, NEUTRAL or POSITIVE
 * @param language  ZH, EN or MIXED
 * @param text      the customer's words
 */
public record LabelledText(String category, String sentiment, String language, String text) implements Serializable {
    public static final List<String> CATEGORIES = List.of("NETWORK", "SERVICE", "PROCESS", "BILLING", "PRODUCT");
    public static final List<String> SENTIMENTS = List.of("NEGATIVE", "NEUTRAL", "POSITIVE");
    public static final List<String> LANGUAGES = List.of("ZH", "EN", "MIXED");
    /** The seed corpus in ganzhi-core: tab-separated, UTF-8, with a header line. */
    public static final String SEED_RESOURCE = "text/labelled-feedback.tsv";
    static final String SEED_HEADER = "category\tsentiment\tlanguage\ttext";

    /**
     * The seed corpus: about 40+ customer sentences per category and language (ZH, EN; half
     * negative, a quarter each neutral and positive) and some MIXED ones, written for this project
     * independently of the generator's phrase banks, so a classifier trained on them is tested on
     * someone else's wording. Fails on a malformed row, naming its line.
     */
    public static List<LabelledText> seedExamples() {
        return SeedHolder.EXAMPLES;
    }

    private static final class SeedHolder {
        private static final List<LabelledText> EXAMPLES = read();

        private static List<LabelledText> read() {
            InputStream in = LabelledText.class.getClassLoader().getResourceAsStream(SEED_RESOURCE);
            if (in == null) {
                throw new IllegalStateException("seed corpus " + SEED_RESOURCE + " not found on the class path");
            }
            List<LabelledText> rows = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String header = reader.readLine();
                if (header == null || !header.strip().replace("\uFEFF", "").equals(SEED_HEADER)) {
                    throw new IllegalStateException(SEED_RESOURCE + ": the first line must be the header " + SEED_HEADER);
                }
                String line;
                int number = 1;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    rows.add(parse(line, number));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + SEED_RESOURCE, e);
            }
            return List.copyOf(rows);
        }

        private static LabelledText parse(String line, int number) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 4 || fields[3].isBlank()) {
                throw new IllegalStateException(SEED_RESOURCE + " line " + number + ": expected 4 tab-separated fields");
            }
            check(CATEGORIES, fields[0], "category", number);
            check(SENTIMENTS, fields[1], "sentiment", number);
            check(LANGUAGES, fields[2], "language", number);
            return new LabelledText(fields[0], fields[1], fields[2], fields[3].strip());
        }

        private static void check(List<String> valid, String value, String field, int number) {
            if (!valid.contains(value)) {
                throw new IllegalStateException(SEED_RESOURCE + " line " + number + ": " + field + " " + value
                        + " is not one of " + valid);
            }
        }
    }
}

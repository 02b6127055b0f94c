package org.ganzhi.generate;

/**
 * The product_validation feed of one delivery day: every product's evaluations on the eight
 * validation dimensions (article 000), per product and day rather than per subscriber:
 * <ul>
 *   <li>a launched product (one of the product funnel's) is evaluated POST_LAUNCH, a product
 *       still in validation PRE_LAUNCH, a Poisson number of times a day (the phase's rate);</li>
 *   <li>each evaluation is by an INTERNAL or a CUSTOMER evaluator with a method of that kind in
 *       that phase, at a time of the kind's hours;</li>
 *   <li>each dimension scores around its planted centre (healthy or weak) with the evaluator's
 *       leniency shared across the row, rounded and clipped to 1-5; some dimensions are left
 *       empty (not rated);</li>
 *   <li>some rows carry a comment: a complaint about the lowest-scored dimension when that score
 *       is low, praise otherwise.</li>
 * </ul>
 * Planted defects come from {@link Deliveries} like every feed's. The planted truth is the
 * settings' ({@link ProductValidationSettings#truth()}); no record per row is needed.
 * <p>
 * Randomness: streams of its own, the evaluations keyed by (seed, {@link Rng#PRODUCT_VALIDATION},
 * product, day) and their delivery by (seed, {@link Rng#PRODUCT_VALIDATION_DELIVERY}, product,
 * day), the product by its code: switching the feed on, changing its settings or adding a
 * product changes no other feed of a seed and no other product's evaluations.
 */
final class ProductValidations {
    /** Columns of product_validation this simulation fills, in the order of the slots below. */
    static final String[] COLUMNS = {"evaluation_id", "product_id", "phase", "method", "evaluator_kind", "evaluated_at",
            "conciseness", "accuracy", "consistency", "operability", "convenience", "speed", "interactivity", "attention",
            "comment"};
    private static final int FIRST_SCORE = 6;
    private static final int COMMENT = 14;
    private static final String ID_PREFIX = "pv";
    /** Days of a product's id range: ids stay unique for up to this many generated days. */
    private static final long ID_DAYS = 1L << 16;

    private final ReferenceData ref;
    private final ProductValidationSettings settings;
    private final SourceRow row;
    private final RecordIds ids;
    private final Rng rng = new Rng();
    private final Rng deliveryRng = new Rng();
    private final int[] scores = new int[Planted.VALIDATION_DIMENSIONS.size()];

    /** @param lines the feed's landing lines, or null when it is switched off */
    ProductValidations(ReferenceData ref, LandingLines lines, Deliveries out) {
        this.ref = ref;
        this.settings = ref.settings.productValidation;
        this.row = new SourceRow(lines, COLUMNS, out);
        this.ids = new RecordIds(ref.seed);
    }

    /** Every product's evaluations of {@code day}. */
    void deliverDay(int day) {
        if (!row.on()) {
            return;
        }
        for (int p = 0; p < settings.products.size(); p++) {
            String product = settings.products.get(p);
            // Keyed by the code, not the list position: another product in the settings moves no one's draws.
            long productKey = product.hashCode();
            rng.reseed(ref.seed, Rng.PRODUCT_VALIDATION, productKey, day);
            deliveryRng.reseed(ref.seed, Rng.PRODUCT_VALIDATION_DELIVERY, productKey, day);
            int phase = settings.phase[p];
            int evaluations = rng.poisson(settings.evaluationsPerDay[phase]);
            for (int e = 0; e < evaluations; e++) {
                evaluate(day, p, phase, e);
            }
        }
    }

    private void evaluate(int day, int product, int phase, int sequence) {
        ProductValidationSettings s = settings;
        int kind = rng.pick(s.evaluatorKindCumulative[phase]);
        int method = rng.pick(s.methodCumulative[phase][kind]);
        int[] hours = s.hours[kind];
        int second = rng.between(hours[0] * 3600, hours[1] * 3600 - 1);
        double leniency = s.evaluatorSd * rng.gaussian();
        int lowest = -1;
        int highest = -1;
        int rated = 0;
        for (int d = 0; d < scores.length; d++) {
            scores[d] = 0;
            if (rng.chance(s.unratedShare)) {
                continue;
            }
            double raw = s.centre(product, d) + leniency + s.scoreSd * rng.gaussian();
            scores[d] = (int) Math.max(1, Math.min(5, Math.round(raw)));
            rated++;
            // Ties go to the first dimension: the comment names one of the lowest (highest) scores.
            if (lowest < 0 || scores[d] < scores[lowest]) {
                lowest = d;
            }
            if (highest < 0 || scores[d] > scores[highest]) {
                highest = d;
            }
        }
        String comment = null;
        if (rated > 0 && rng.chance(s.commentShare)) {
            int language = rng.pick(s.commentLanguageCumulative);
            String productId = s.products.get(product);
            comment = scores[lowest] <= s.negativeCommentAtMost
                    ? ProductValidationPhrases.complaint(rng, language, productId, lowest)
                    : ProductValidationPhrases.praise(rng, language, productId, highest);
        }

        row.clear();
        row.set(0, ids.id(ID_PREFIX, product * ID_DAYS + day, sequence));
        row.set(1, s.products.get(product));
        row.set(2, Planted.VALIDATION_PHASES.get(phase));
        row.set(3, Planted.VALIDATION_METHODS.get(method));
        row.set(4, Planted.EVALUATOR_KINDS.get(kind));
        row.set(5, ref.calendar.timestamp((long) day * DayCalendar.SECONDS_PER_DAY + second));
        for (int d = 0; d < scores.length; d++) {
            row.set(FIRST_SCORE + d, scores[d] > 0 ? Integer.toString(scores[d]) : null);
        }
        row.set(COMMENT, comment);
        // Evaluation tools export in batches: a share of the rows arrives a few days late.
        row.deliver(day, day, true, deliveryRng);
    }
}

package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;
import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Sentiment;

import java.io.Serializable;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.enumWeights;
import static org.ganzhi.generate.SettingsReading.share;
import static org.ganzhi.generate.SettingsReading.shares;

/**
 * {@code feedback}: how often subscribers write, about what, where and in which language, and how
 * the texts are composed (see the comments of {@code ganzhi.generate.feedback}); the phrase banks
 * come with it. Per-channel arrays follow {@link Planted#FEEDBACK_CHANNELS}, per-sentiment ones
 * {@link Sentiment}, per-dimension ones {@link Planted#DIMENSIONS}.
 */
final class FeedbackSettings implements Serializable {
    double textsPerDay;
    double[] categoryCumulative;
    double[] sentimentCumulative;
    /** Per {@link Cause} ordinal: daily chance of a NEGATIVE text about the cause's dimension. */
    double[] causeNegativePerDay;
    double networkDayPerProblem;
    double networkDayToleratedProblems;
    double networkDayMaxPerDay;
    double[][] channelCumulative;
    double[] anonymousShare;
    double agentLabelShare;
    double agentLabelError;
    double[] ratingShare;
    double ratingSpread;
    double[] languageCumulative;
    double languageLoyalty;
    double mixedSwap;
    double declaredLanguageShare;
    double declaredLanguageWrong;
    double declaredLanguageAlias;
    double productIdShare;
    double productIdOtherShare;
    double productContextShare;
    double serviceItemShare;
    double phoneShare;
    double ownNumberShare;
    double emailShare;
    double nameShare;
    double openingShare;
    double detailShare;
    double feelingShare;
    double closingShare;
    double emojiShare;
    double typoShare;
    double[] htmlShare;
    double socialTagShare;
    double hotlineGreetingShare;
    /** The funnel's products: what product_id may hold. */
    List<String> products;
    FeedbackPhrases phrases;

    /**
     * @param products     the product funnel's products (the codes of product_id)
     * @param serviceItems the service catalogue's items (the codes of service_item)
     */
    static FeedbackSettings read(Config fb, List<String> products, List<String> serviceItems) {
        FeedbackSettings s = new FeedbackSettings();
        List<String> dimensions = Planted.DIMENSIONS.stream().map(Cause::name).toList();
        List<String> sentiments = List.of(Sentiment.values()).stream().map(Sentiment::name).toList();
        s.textsPerDay = share(fb, "texts-per-day");
        s.categoryCumulative = cumulative(fb, "categories", dimensions);
        s.sentimentCumulative = cumulative(fb, "sentiments", sentiments);
        s.causeNegativePerDay = enumWeights(fb, "cause-negative-per-day", Cause.class, 0.0);
        for (Cause cause : Cause.values()) {
            double rate = s.causeNegativePerDay[cause.ordinal()];
            if (rate < 0 || rate > 1 || (cause == Cause.NONE && rate > 0)) {
                throw new ConfigError(ROOT + ".feedback.cause-negative-per-day." + cause
                        + " must be a share between 0 and 1 (and NONE has no cause to voice), got " + rate);
            }
        }
        s.networkDayPerProblem = share(fb, "network-day-per-problem");
        s.networkDayToleratedProblems = fb.getDouble("network-day-tolerated-problems");
        s.networkDayMaxPerDay = share(fb, "network-day-max-per-day");
        s.channelCumulative = new double[Sentiment.values().length][];
        for (Sentiment sentiment : Sentiment.values()) {
            s.channelCumulative[sentiment.ordinal()] = cumulative(fb, "channels." + sentiment.name(), Planted.FEEDBACK_CHANNELS);
        }
        s.anonymousShare = shares(fb, "anonymous-share", Planted.FEEDBACK_CHANNELS);
        s.agentLabelShare = share(fb, "agent-label-share");
        s.agentLabelError = share(fb, "agent-label-error");
        s.ratingShare = shares(fb, "rating-share", Planted.FEEDBACK_CHANNELS);
        s.ratingSpread = share(fb, "rating-spread");
        s.languageCumulative = cumulative(fb, "languages", Planted.FEEDBACK_LANGUAGES);
        s.languageLoyalty = share(fb, "language-loyalty");
        s.mixedSwap = share(fb, "mixed-swap");
        s.declaredLanguageShare = share(fb, "declared-language-share");
        s.declaredLanguageWrong = share(fb, "declared-language-wrong");
        s.declaredLanguageAlias = share(fb, "declared-language-alias");
        s.productIdShare = share(fb, "product-id-share");
        s.productIdOtherShare = share(fb, "product-id-other-share");
        s.productContextShare = share(fb, "product-context-share");
        s.serviceItemShare = share(fb, "service-item-share");
        s.phoneShare = share(fb, "phone-share");
        s.ownNumberShare = share(fb, "own-number-share");
        s.emailShare = share(fb, "email-share");
        s.nameShare = share(fb, "name-share");
        s.openingShare = share(fb, "opening-share");
        s.detailShare = share(fb, "detail-share");
        s.feelingShare = share(fb, "feeling-share");
        s.closingShare = share(fb, "closing-share");
        s.emojiShare = share(fb, "emoji-share");
        s.typoShare = share(fb, "typo-share");
        s.htmlShare = shares(fb, "html-share", Planted.FEEDBACK_CHANNELS);
        s.socialTagShare = share(fb, "social-tag-share");
        s.hotlineGreetingShare = share(fb, "hotline-greeting-share");
        s.products = List.copyOf(products);
        s.phrases = FeedbackPhrases.load(fb.getString("phrases"), products, serviceItems);
        return s;
    }
}

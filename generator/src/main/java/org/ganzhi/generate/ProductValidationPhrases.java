package org.ganzhi.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The short comments evaluators leave on a product_validation row, in Chinese or English: a
 * complaint about one dimension when the evaluation scored it low, praise otherwise. {p} in a
 * phrase is the product's name in the comment's language. A few complaints belong to one product
 * and dimension (an assistant mishears, a video buffers); they are used when that product scores
 * that dimension low, beside the general ones.
 */
final class ProductValidationPhrases {
    /** Comment languages, in the order of the settings' comment-languages weights. */
    static final List<String> LANGUAGES = List.of("ZH", "EN");
    static final int ZH = 0;
    static final int EN = 1;
    /** Share of a low score's complaints taken from the product's own phrases, when it has some. */
    private static final double OWN_PHRASE_SHARE = 0.5;
    /** Share of praise about the evaluation's best dimension; the rest is praise of the whole. */
    private static final double DIMENSION_PRAISE_SHARE = 0.7;

    /** How evaluators call a product, Chinese and English; an unlisted product goes by its code. */
    private static final Map<String, String[]> NAMES = Map.of(
            "5G_BOOST", new String[]{"5G加速包", "the 5G boost"},
            "VIDEO_PACK", new String[]{"视频流量包", "the video pack"},
            "FAMILY_SHARE", new String[]{"家庭共享", "family sharing"},
            "CLOUD_STORAGE", new String[]{"云盘", "the cloud drive"},
            "INTL_ROAMING", new String[]{"国际漫游", "roaming"},
            "SMART_HOME", new String[]{"智能家居", "the smart home app"},
            "AI_ASSISTANT", new String[]{"语音助手", "the assistant"});

    /** [language][dimension]: complaints, dimensions in VALIDATION_DIMENSIONS order. */
    private static final String[][][] COMPLAINTS = {
            {
                    {"{p}的界面太乱，找个功能要翻好几页", "说明写得又长又绕，看不懂", "资费说明密密麻麻，看得头疼"},
                    {"{p}显示的信息经常不对", "用量数据和账单对不上", "给出的结果老是错的"},
                    {"APP和网页上说的不一样", "每次打开{p}表现都不一样", "客服说的和页面写的对不上"},
                    {"{p}设置太复杂，弄了半天没弄好", "按钮太小，老是点错", "不知道下一步该点哪里"},
                    {"开通{p}还得跑营业厅", "每次都要重新登录，太麻烦", "找不到入口，只能打客服"},
                    {"{p}反应太慢，要等好久", "加载半天都出不来", "开通等了一整天才生效"},
                    {"有问题没人回复", "{p}提示太少，不知道有没有成功", "提了意见也没下文"},
                    {"根本没注意到有{p}这个产品", "宣传太少，身边的人都不知道", "{p}的入口藏得太深"},
            },
            {
                    {"{p} screens are cluttered", "too much text, could not find what I needed",
                            "the instructions ramble on and on"},
                    {"{p} shows the wrong numbers", "usage figures don't match my bill", "results are often just wrong"},
                    {"the app and the website say different things", "{p} behaves differently every time",
                            "the hotline told me something else than the page"},
                    {"setup is far too complicated", "buttons are tiny, I keep tapping the wrong one",
                            "could not figure out the next step"},
                    {"had to go to a store just to activate {p}", "keeps asking me to log in again",
                            "no way to do it without calling the hotline"},
                    {"setup took forever", "{p} is painfully slow", "loading takes ages"},
                    {"nobody answers my questions", "{p} never tells me whether it worked",
                            "sent a suggestion and never heard back"},
                    {"never noticed {p} existed", "hardly anyone knows about {p}", "{p} is buried deep in the menu"},
            },
    };

    /** [language][dimension]: praise of one dimension. */
    private static final String[][][] PRAISE = {
            {
                    {"界面简洁，一眼就明白", "{p}的说明很清楚，没有废话"},
                    {"数据准确，和账单一致", "{p}给的结果很靠谱"},
                    {"各个渠道说法一致", "{p}每次用起来都一样"},
                    {"操作简单，老人也会用", "{p}上手很快"},
                    {"在APP里就能办好，很方便", "{p}随时随地都能用"},
                    {"响应很快，秒开", "{p}开通马上就生效了"},
                    {"有问题很快就有回复", "{p}每一步都有提示，很贴心"},
                    {"{p}很吸引人，朋友也在用", "一打开就看到了{p}，挺感兴趣"},
            },
            {
                    {"clean and simple screens", "the instructions are short and clear"},
                    {"figures are accurate", "{p} gets it right every time"},
                    {"same experience in the app and online", "{p} works the same way every time"},
                    {"easy to operate, even for my parents", "got the hang of {p} in minutes"},
                    {"could do everything in the app", "{p} is handy wherever I am"},
                    {"fast, no waiting", "{p} was active within a minute"},
                    {"got a quick reply when I asked", "{p} guides you through every step"},
                    {"{p} caught my eye right away", "my friends are all talking about {p}"},
            },
    };

    /** [language]: praise of the whole product. */
    private static final String[][] OVERALL_PRAISE = {
            {"整体体验不错", "挺好用的，会推荐给朋友", "比预想的好"},
            {"overall a good experience", "works well, would recommend", "better than I expected"},
    };

    /** "PRODUCT/dimension" → [language]: complaints only that product gets about that dimension. */
    private static final Map<String, String[][]> OWN_COMPLAINTS = Map.of(
            "AI_ASSISTANT/accuracy", new String[][]{{"语音助手经常听错", "问天气它给我放歌", "说方言完全识别不了"},
                    {"the assistant keeps mishearing me", "asked for the weather, it played music"}},
            "AI_ASSISTANT/speed", new String[][]{{"语音助手回答要等好几秒", "说完话半天才有反应"},
                    {"the assistant takes ages to answer", "long pause before every reply"}},
            "VIDEO_PACK/speed", new String[][]{{"视频缓冲太久", "高清视频老是卡"},
                    {"videos buffer forever", "HD keeps stalling"}},
            "CLOUD_STORAGE/operability", new String[][]{{"找不到云盘的备份设置", "上传个文件要点好几步，太难用"},
                    {"can't find the backup settings", "uploading a file takes far too many taps"}},
            "SMART_HOME/operability", new String[][]{{"智能家居配网失败了好几次"},
                    {"pairing the devices failed several times"}});

    private ProductValidationPhrases() {
    }

    /** A complaint about {@code dimension} of {@code product}. */
    static String complaint(Rng rng, int language, String product, int dimension) {
        String[][] own = OWN_COMPLAINTS.get(product + "/" + Planted.VALIDATION_DIMENSIONS.get(dimension));
        String[] bank = own != null && rng.chance(OWN_PHRASE_SHARE) ? own[language] : COMPLAINTS[language][dimension];
        return fill(bank[rng.nextInt(bank.length)], language, product);
    }

    /** Praise of {@code dimension} of {@code product}, or of the whole product. */
    static String praise(Rng rng, int language, String product, int dimension) {
        String[] bank = rng.chance(DIMENSION_PRAISE_SHARE) ? PRAISE[language][dimension] : OVERALL_PRAISE[language];
        return fill(bank[rng.nextInt(bank.length)], language, product);
    }

    /** Every comment of one tone a product can get, in both languages: what a check compares landed comments with. */
    static List<String> all(boolean complaints, String product) {
        List<String> out = new ArrayList<>();
        for (int language = 0; language < LANGUAGES.size(); language++) {
            for (int d = 0; d < Planted.VALIDATION_DIMENSIONS.size(); d++) {
                for (String phrase : (complaints ? COMPLAINTS : PRAISE)[language][d]) {
                    out.add(fill(phrase, language, product));
                }
                String[][] own = OWN_COMPLAINTS.get(product + "/" + Planted.VALIDATION_DIMENSIONS.get(d));
                if (complaints && own != null) {
                    for (String phrase : own[language]) {
                        out.add(fill(phrase, language, product));
                    }
                }
            }
            if (!complaints) {
                for (String phrase : OVERALL_PRAISE[language]) {
                    out.add(fill(phrase, language, product));
                }
            }
        }
        return out;
    }

    /** The phrase with the product's name in; an English comment starts with a capital. */
    private static String fill(String phrase, int language, String product) {
        String[] names = NAMES.get(product);
        String name = names != null ? names[language] : product;
        String text = phrase.replace("{p}", name);
        if (language == EN) {
            text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }
}

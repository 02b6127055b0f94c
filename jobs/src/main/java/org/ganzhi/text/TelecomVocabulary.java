package org.ganzhi.text;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Chinese telecom words that SmartChineseAnalyzer does not know. Its dictionary predates mobile
 * internet, so it cuts 掉线 into 掉|线, 客服 into 客|服, 携号转网 into 携|号|转|网 and 性价比 into
 * 性|价|比: single characters that a category classifier cannot tell apart (线, 服, 网 occur
 * everywhere). These words are taken whole, by longest match, before the analyzer segments the
 * text between them.
 *
 * <p>Only words a customer writes as one unit are listed, not compounds of two listed words
 * (人工 + 客服, 自动 + 续费), so the classifier sees the parts it can generalise from. Nor the
 * sentiment lexicon's phrases (信号差): for the category, 信号 is what matters, and the lexicon is
 * matched separately.
 */
final class TelecomVocabulary {
    private static final Set<String> WORDS = Stream.of(
            // network
            "信号", "信号格", "满格", "掉线", "断网", "断线", "断流", "网速", "网络", "上网", "测速", "基站",
            "信号塔", "覆盖", "盲区", "宽带", "光纤", "光猫", "路由器", "机顶盒", "千兆", "百兆", "延迟",
            "卡顿", "缓冲", "加载", "闪断", "掉话", "通话", "接通", "杂音", "回声", "漫游", "热点", "无线",
            "流量", "高铁", "地铁", "电梯", "地下室", "车库", "隧道", "网课", "直播", "视频", "游戏",
            // service
            "客服", "人工", "转人工", "热线", "营业厅", "营业员", "店员", "工号", "投诉", "回访", "回电",
            "专员", "坐席", "机器人", "态度", "推诿", "敷衍", "踢皮球", "耐心", "服务", "排队", "占线",
            "挂断", "挂电话", "柜台", "咨询", "工单", "跟进", "加急", "催办", "答复", "小姐姐", "小哥",
            // fulfilment: orders, installation, repair, number transfer, SIM paperwork
            "携号转网", "携转", "转网", "转出", "转入", "授权码", "销户", "开户", "过户", "补卡", "换卡",
            "补办", "号卡", "副卡", "主卡", "实名", "实名制", "实名认证", "人脸识别", "身份证", "护照",
            "学生证", "激活", "开通", "装机", "安装", "上门", "预约", "改约", "师傅", "维修", "报修",
            "报障", "故障", "移机", "拆机", "布线", "快递", "物流", "发货", "订单", "下单", "审核", "办理",
            "手续", "材料", "停机保号", "复机", "停机",
            // billing
            "话费", "资费", "月租", "月费", "扣费", "扣款", "代扣", "续费", "充值", "缴费", "交费", "欠费",
            "余额", "账单", "明细", "发票", "退款", "退费", "到账", "违约金", "漫游费", "流量费", "短信费",
            "超出", "套外", "套餐外", "预存", "积分", "优惠", "折扣", "原价", "涨价", "降价", "计费", "收费",
            "费用", "金额", "账户",
            // products: plans, allowances, value-added services, the app
            "套餐", "流量包", "加速包", "语音包", "短信包", "会员", "权益", "增值业务", "彩铃", "来电显示",
            "云盘", "亲情号", "合约", "合约机", "不限量", "限速", "降速", "定向流量", "免流", "升档", "降档",
            "改套餐", "退订", "订购", "订阅", "客户端", "小程序", "闪退", "登录", "登陆", "验证码", "界面",
            "推送", "弹窗", "改版", "版本", "功能", "一键", "入口", "手机", "号码", "靓号", "选号", "短信",
            "微信", "性价比",
            // colloquial judgements the analyzer splits
            "靠谱", "给力", "无语", "吐槽", "秒回", "套路", "坑人", "坑爹", "忽悠", "差评", "好评", "点赞",
            "离谱", "流畅", "稳定", "划算", "莫名其妙", "不明不白", "乱七八糟", "一目了然", "爱答不理",
            "一问三不知", "石沉大海", "花里胡哨")
            .collect(Collectors.toUnmodifiableSet());

    private static final int LONGEST = WORDS.stream().mapToInt(String::length).max().orElse(1);

    private TelecomVocabulary() {
    }

    /** The length of the longest listed word starting at {@code from} in a run of Han characters, 0 when none does. */
    static int longestMatch(String hanRun, int from) {
        for (int length = Math.min(LONGEST, hanRun.length() - from); length >= 2; length--) {
            if (WORDS.contains(hanRun.substring(from, from + length))) {
                return length;
            }
        }
        return 0;
    }
}

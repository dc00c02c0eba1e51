namespace Ecrm.Listening;

/// <summary>
/// An aspect that complaints (and praise) are about, such as logistics or quality, with the keywords that name it in
/// Chinese and English. <see cref="Defaults"/> holds the common e-commerce aspects; replace or extend them in
/// <see cref="ListeningOptions.Aspects"/>.
/// </summary>
/// <param name="Name">The aspect's lowercase name, such as <c>logistics</c>.</param>
/// <param name="Keywords">Words and phrases that name the aspect (matched case-insensitively; English at word boundaries).</param>
public sealed record AspectCategory(string Name, IReadOnlyList<string> Keywords)
{
    /// <summary>Gets the shipped aspects: logistics, quality, service, price, packaging, authenticity, size, function.</summary>
    public static IReadOnlyList<AspectCategory> Defaults { get; } =
    [
        new("logistics", ["物流", "快递", "发货", "送货", "配送", "到货", "收货", "运输", "派送", "顺丰", "圆通", "中通", "申通", "韵达", "邮政", "快递员", "送到", "到了", "delivery", "shipping", "shipped", "courier", "arrived", "arrive", "package arrived", "tracking", "dispatch"]),
        new("quality", ["质量", "品质", "做工", "材质", "用料", "耐用", "坏了", "破损", "瑕疵", "掉色", "起球", "开线", "故障", "毛病", "quality", "broke", "broken", "defective", "durable", "flimsy", "cheaply made", "fell apart", "stopped working", "build"]),
        new("service", ["客服", "服务", "态度", "售后", "卖家", "店家", "商家", "回复", "前台", "服务员", "退换", "service", "customer service", "support", "staff", "seller", "waiter", "waitress", "server", "rude", "manager"]),
        new("price", ["价格", "价钱", "性价比", "贵", "便宜", "划算", "实惠", "不值", "涨价", "降价", "优惠", "price", "priced", "expensive", "cheap", "overpriced", "value", "worth", "cost", "money"]),
        new("packaging", ["包装", "盒子", "纸箱", "外包装", "包裹", "封口", "压坏", "挤压", "packaging", "package", "box", "wrapped", "sealed", "wrapping"]),
        new("authenticity", ["正品", "假货", "假的", "山寨", "仿冒", "盗版", "翻新", "冒牌", "防伪", "authentic", "genuine", "fake", "counterfeit", "knockoff", "refurbished"]),
        new("size", ["尺码", "尺寸", "大小", "偏大", "偏小", "合身", "不合身", "码数", "size", "sizing", "fit", "fits", "too small", "too big", "too large"]),
        new("function", ["功能", "性能", "电池", "续航", "充电", "屏幕", "系统", "信号", "死机", "卡顿", "速度", "效果", "battery", "charge", "charger", "screen", "signal", "software", "performance", "speed", "sound", "reception"]),
    ];
}

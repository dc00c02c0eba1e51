namespace Ecrm.SampleData;

/// <summary>Names, places, products and texts the generator draws from.</summary>
internal static class Vocabulary
{
    public static readonly string[] ChineseSurnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "欧阳", "司马"];

    public static readonly string[] ChineseGivenNames =
        ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "子涵", "浩然", "欣怡", "梓萱", "宇轩", "雨桐", "思远", "嘉怡"];

    public static readonly string[] EnglishGivenNames =
        ["Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Lucas", "Mia", "James", "Grace", "Daniel", "Chloe", "Henry", "Zoe"];

    public static readonly string[] EnglishSurnames =
        ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Green", "Hall", "Wood", "Clarke"];

    public static readonly (string City, string Region)[] Cities =
    [
        ("上海", "上海市"), ("北京", "北京市"), ("广州", "广东省"), ("深圳", "广东省"), ("杭州", "浙江省"), ("成都", "四川省"),
        ("武汉", "湖北省"), ("南京", "江苏省"), ("苏州", "江苏省"), ("西安", "陕西省"), ("重庆", "重庆市"), ("天津", "天津市"),
        ("长沙", "湖南省"), ("青岛", "山东省"), ("厦门", "福建省"), ("Hong Kong", "HK"),
    ];

    public static readonly string[] EmailDomains = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com", "foxmail.com"];

    public static readonly (string Sku, string Name, string Category, decimal Price)[] Catalog =
    [
        ("PH-X1", "星耀 X1 手机", "手机", 3999m), ("PH-A5", "青春 A5 手机", "手机", 1499m),
        ("EB-PRO", "降噪耳机 Pro", "耳机", 899m), ("EB-LITE", "蓝牙耳机 Lite", "耳机", 199m),
        ("CS-01", "手机壳 透明", "手机配件", 49m), ("CH-65W", "65W 快充充电器", "手机配件", 129m),
        ("TS-W", "纯棉T恤 白", "服饰", 99m), ("JK-DN", "牛仔夹克", "服饰", 459m),
        ("LP-RED", "丝绒口红 #999", "美妆", 320m), ("SK-SET", "保湿护肤套装", "美妆", 688m),
        ("RC-AI", "智能电饭煲", "家电", 599m), ("VC-X", "无线吸尘器", "家电", 1999m),
        ("TEA-LJ", "明前龙井 250g", "食品", 268m), ("NUT-MIX", "每日坚果 30包", "食品", 129m),
    ];

    public static readonly string[] PositiveComments =
    [
        "质量很好，物流也快，五星好评！", "客服态度非常好，耐心解答问题", "第二次回购了，一如既往的好用", "包装精美，送人很有面子",
        "Love it, works perfectly and arrived early.", "Great value for money, would buy again!", "性价比超高，推荐给朋友了",
        "青禾的耳机音质真好，比云杉的强多了", "Qinghe earbuds sound amazing, much better than my old Beichen pair.",
        "换了青禾的手机，续航很给力", "北辰的充电宝也不错，不过青禾的更轻", "青禾新款手表很漂亮，朋友都问在哪买的",
        "云杉的音箱音质不错，价格也实惠",
    ];

    public static readonly string[] NegativeComments =
    [
        "快递太慢了，等了一个星期才到", "收到的东西有划痕，很失望", "客服一直不回复，体验很差", "用了两天就坏了，质量不行",
        "Terrible support, nobody answered my emails.", "The package arrived damaged and late.", "价格比别家贵，还不送赠品",
        "青禾的耳机用了一个月就断连，太失望了", "北辰的手机发热严重，还是青禾的好", "怀疑收到的是翻新机，包装都拆过",
        "Qinghe charger stopped working after a week, very disappointed.", "云杉的售后太差了，再也不买了",
    ];

    /// <summary>What people post when a warehouse outage holds up every order for a day: the demo's surge.</summary>
    public static readonly string[] IncidentComments =
    [
        "下单五天了还没发货，物流信息一直不更新！", "快递到底什么时候发？客服也不回复，太差了", "物流太慢了，等了一周还没到，差评",
        "说好的次日达呢？到现在都没发货", "Still no shipping update after five days, this is ridiculous.", "发货太慢了，要求退款",
    ];

    public static readonly string[] Requests =
    [
        "希望能出一个粉色款", "建议增加七天无理由退货", "要是能支持花呗分期就好了", "Please add a dark mode to the app.", "如果有会员日折扣就更好了",
        "希望能出粉色款的耳机", "建议增加以旧换新", "Please add a dark mode option to the companion app", "希望支持花呗分期付款",
    ];

    public static readonly string[] Pages = ["/", "/products/phones", "/products/audio", "/sale", "/member", "/cart", "/stores", "/blog/new-arrivals"];

    public static readonly string[] Campaigns = ["spring-sale-2026", "618-mid-year", "double-11-2026", "member-day", "new-phone-launch"];

    public static readonly string[] StoreIds = ["SH-NJ-01", "BJ-WFJ-02", "GZ-TH-03", "SZ-NS-04", "HZ-XH-05"];
}

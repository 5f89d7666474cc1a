namespace HallDevices.Devices.IdCard;

/// <summary>The 56 nationality codes of GB/T 3304 as printed on resident ID cards (without 族).</summary>
public static class Nations
{
    private static readonly string[] Names =
    [
        "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜",
        "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
        "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
        "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
        "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
        "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
    ];

    /// <summary>Number of codes in the table (56).</summary>
    public static int Count => Names.Length;

    /// <summary>Looks up the name for a code 1–56.</summary>
    /// <returns>The name, or <see langword="null"/> for a code outside the table.</returns>
    public static string? NameOf(int code) => code is >= 1 and <= 56 ? Names[code - 1] : null;

    /// <summary>Finds the code of a name (with or without the trailing 族).</summary>
    /// <returns>The code 1–56, or 0 when the name is not in the table.</returns>
    public static int CodeOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string bare = name.EndsWith('族') ? name[..^1] : name;
        int i = Array.IndexOf(Names, bare);
        return i < 0 ? 0 : i + 1;
    }
}

using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Tests.Catalog;

/// <summary>
/// A realistic slice of a town centre's catalogue, as the server publishes it: real service names,
/// English names, and pinyin initials patterns in the catalogue's form, characters read several
/// ways as groups (会 → [hk], 卡 → [kq]).
/// </summary>
internal static class TownCatalog
{
    public static IReadOnlyList<CatalogService> Services { get; } =
    [
        S("social-card", "社会保障卡申领", "s[hk]bz[kq]sl", "Apply for a social security card", "social"),
        S("social-card-loss", "社会保障卡挂失", "s[hk]bz[kq]g[sy]", "Report a lost social security card", "social"),
        S("social-card-replace", "社保卡补换", "sb[kq]bh", "Replace a social security card", "social"),
        S("pension-enrol", "城乡居民养老保险参保登记", "cxjmylbx[cs]bdj", "Enrol in the residents' pension scheme", "pension"),
        S("medical-enrol", "城乡居民基本医疗保险参保登记", "cxjmjbylbx[cs]bdj", "Enrol in the residents' basic medical insurance", "medical"),
        S("medical-transfer", "医保关系转移接续", "ybg[jx]z[cy][cjsx]x", "Transfer medical insurance", "medical"),
        S("unemployment", "失业登记", "[sy]ydj", "Register as unemployed", "employment"),
        S("employment-card", "就业创业证申领", "jycyzsl", "Apply for an employment and entrepreneurship card", "employment"),
        S("dibao", "最低生活保障申请", "[cz]ds[gh]bzsq", "Apply for minimum living allowance", "assistance"),
        S("temporary-aid", "临时救助申请", "lsj[cz]sq", "Apply for temporary assistance", "assistance"),
        S("disability-card", "残疾人证办理", "cjrzbl", "Disability certificate", "disability"),
        S("id-card", "居民身份证申领", "jm[js][bf]zsl", "Apply for a resident ID card", "household"),
        S("residence-permit", "居住证办理", "jzzbl", "Residence permit", "household"),
        S("household-move", "户口迁移", "hkq[cy]", "Move household registration", "household"),
        S("birth-register", "出生登记", "csdj", "Register a birth", "household"),
        S("homestead", "农村宅基地建房审批", "nc[cdz]jdj[fp]sp", "Approval to build a house on rural homestead land", "rural"),
        S("farm-subsidy", "耕地地力保护补贴", "gddlbhbt", "Farmland protection subsidy", "rural"),
        S("business-register", "个体工商户设立登记", "g[bct]gshs[lw]dj", "Register a sole proprietorship", "market"),
        S("food-licence", "食品经营许可", "[sy]pjyx[gk]", "Food business licence", "market"),
        S("income-tax", "个人所得税申报", "grsd[st]sb", "File individual income tax", "tax"),
        S("fund-withdraw", "住房公积金提取", "z[fp]g[jz]j[cdst]q", "Withdraw from the housing provident fund", "fund"),
        S("legal-aid", "法律援助申请", "fl[hy][cz]sq", "Apply for legal aid", "legal"),
        S("veteran-card", "退役军人优待证申领", "tyjrydzsl", "Apply for a veteran's preferential card", "veterans"),
        S("elderly-card", "老年人优待证办理", "lnrydzbl", "Senior citizen's card", "assistance"),
        S("certificate-print", "证明打印", "zmdy", "Print a certificate", "general"),
        S("consultation", "综合咨询", "z[gh]zx", "General enquiries", "general"),
    ];

    public static CatalogService Get(string id) => Services.Single(s => s.Id == id);

    private static CatalogService S(string id, string name, string initials, string nameEn, string category) =>
        new(id, name, "A", NeedsIdCard: false, AppointmentAllowed: false) { Initials = initials, NameEn = nameEn, CategoryId = category };
}

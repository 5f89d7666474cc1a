namespace HallDevices.QueueServer.Http;

/// <summary>
/// Every word of the citizen's tracking page (<see cref="TrackingPage"/>), Chinese first and English
/// with <c>?lang=en</c>. Values are HTML (numbers are put in <c>&lt;b&gt;</c>); callers encode what they insert.
/// </summary>
internal sealed record TrackingTexts
{
    public static TrackingTexts Zh { get; } = new()
    {
        Lang = "zh-CN", OtherLang = "English", OtherLangCode = "en",
        NotFoundTitle = "未找到票号", NotFound = "今天没有这个号码，请向大厅引导台咨询。",
        LinkInvalidTitle = "评价链接已失效", LinkInvalid = "这个链接对应的服务已过评价期限，或链接有误。",
        LinkByNumber = "按号码查看排队进度",
        Title = n => $"{n} 排队进度",
        Waiting = (ahead, minutes) => $"等待中，前面还有 <b>{ahead}</b> 人，预计等待约 <b>{minutes}</b> 分钟",
        Called = counter => $"请到 <b>{counter}</b> 办理",
        Finished = "已办结，感谢您的耐心", NoShow = "已过号，请到引导台重新排队", Voided = "此号已作废",
        Issued = (at, refresh) => $"取号时间 {at}" + (refresh ? " · 页面每 15 秒自动刷新" : ""),
        RateTitle = "请您对本次服务作出评价", RateAfterFinish = "办结后可在此页面对本次服务作出评价。",
        RateUntil = at => $"请在 {at} 前评价，每次服务只能评价一次。",
        Rated = level => $"已评价：{level}", Closed = "评价已截止（未评）",
        ReasonsTitle = level => $"您选择了“{level}”。请告诉我们哪里做得不好（可多选）：",
        ReasonText = "其他意见（选填）", Submit = "提交评价", ChooseAgain = "重新选择",
        Errors = new Dictionary<string, string>
        {
            ["already-evaluated"] = "这次服务已经评价过了，感谢您。",
            ["evaluation-closed"] = "已超过评价时限，这次服务不能再评价。",
            ["unknown-reason"] = "所选原因已不在本大厅的原因列表中，请重新选择。",
            ["invalid-score"] = "请选择一个评价等级。",
            ["invalid-request"] = "提交的内容无效，请重新选择。",
            ["storage-unavailable"] = "服务器暂时无法保存，请稍后再试。",
        },
        OtherError = "评价未成功，请稍后再试。",
    };

    public static TrackingTexts En { get; } = new()
    {
        Lang = "en", OtherLang = "中文", OtherLangCode = "zh",
        NotFoundTitle = "Ticket not found", NotFound = "There is no such ticket today. Please ask at the hall's guide desk.",
        LinkInvalidTitle = "Rating link no longer valid", LinkInvalid = "The time to rate this case has passed, or the link is wrong.",
        LinkByNumber = "See the queue by number",
        Title = n => $"{n}: your place in the queue",
        Waiting = (ahead, minutes) => $"Waiting: <b>{ahead}</b> ahead of you, about <b>{minutes}</b> min",
        Called = counter => $"Please go to <b>{counter}</b>",
        Finished = "Finished. Thank you for your patience", NoShow = "Missed: please queue again at the guide desk", Voided = "This ticket was cancelled",
        Issued = (at, refresh) => $"Issued {at}" + (refresh ? " · this page refreshes every 15 s" : ""),
        RateTitle = "Please rate our service", RateAfterFinish = "Once your case is finished you can rate it on this page.",
        RateUntil = at => $"Please rate by {at}; each case can be rated once.",
        Rated = level => $"Rated: {level}", Closed = "Rating closed (not rated)",
        ReasonsTitle = level => $"You chose “{level}”. What went wrong? (choose any)",
        ReasonText = "Anything else (optional)", Submit = "Submit", ChooseAgain = "Choose again",
        Errors = new Dictionary<string, string>
        {
            ["already-evaluated"] = "This case has already been rated. Thank you.",
            ["evaluation-closed"] = "The time to rate this case has passed.",
            ["unknown-reason"] = "A reason chosen is no longer on the hall's list; please choose again.",
            ["invalid-score"] = "Please choose a level.",
            ["invalid-request"] = "That was not a valid rating; please choose again.",
            ["storage-unavailable"] = "The server cannot store it right now; please try again shortly.",
        },
        OtherError = "The rating did not go through; please try again shortly.",
    };

    public required string Lang { get; init; }

    public required string OtherLang { get; init; }

    public required string OtherLangCode { get; init; }

    public required string NotFoundTitle { get; init; }

    public required string NotFound { get; init; }

    public required string LinkInvalidTitle { get; init; }

    public required string LinkInvalid { get; init; }

    public required string LinkByNumber { get; init; }

    public required Func<string, string> Title { get; init; }

    public required Func<int, int, string> Waiting { get; init; }

    public required Func<string, string> Called { get; init; }

    public required string Finished { get; init; }

    public required string NoShow { get; init; }

    public required string Voided { get; init; }

    public required Func<string, bool, string> Issued { get; init; }

    public required string RateTitle { get; init; }

    public required string RateAfterFinish { get; init; }

    public required Func<string, string> RateUntil { get; init; }

    public required Func<string, string> Rated { get; init; }

    public required string Closed { get; init; }

    public required Func<string, string> ReasonsTitle { get; init; }

    public required string ReasonText { get; init; }

    public required string Submit { get; init; }

    public required string ChooseAgain { get; init; }

    public required IReadOnlyDictionary<string, string> Errors { get; init; }

    public required string OtherError { get; init; }
}

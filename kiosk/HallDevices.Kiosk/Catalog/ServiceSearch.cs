using HallDevices.Contracts;
using HallDevices.Kiosk.Flows;

namespace HallDevices.Kiosk.Catalog;

/// <summary>
/// Finds services the way citizens ask for them at the kiosk: any part of the Chinese name
/// (typed with an input method or a physical keyboard), the pinyin initials of the name on the
/// on-screen a–z keyboard (社会保障卡申领 by <c>shbz</c>, or shortened the usual way, 社保卡 → <c>sbk</c>),
/// and, on the English screen, the English name (on the Chinese screen two letters such as <c>ca</c>
/// are initials, not the start of "Cancel"). Pure: the catalogue and today's counts come in, ranked
/// services go out.
/// </summary>
/// <remarks>
/// Ranking, best first: (0) the name, its initials or its English name starts with the query;
/// (1) the query is inside the name, matches consecutive initials further in, or starts a word of
/// the English name; (2) the query's characters or initials appear in order with gaps, or the
/// query is inside a word of the English name. Ties go to the service issued most today, then to
/// catalogue order, so the same query always lists the same way.
/// </remarks>
public static class ServiceSearch
{
    /// <summary>The most results the kiosk lists for one query.</summary>
    public const int MaxResults = 50;

    /// <summary>The longest query looked at; anything longer is cut (no service name is this long).</summary>
    public const int MaxQueryLength = 64;

    private const int NoMatch = int.MaxValue;

    /// <summary>
    /// The services matching <paramref name="query"/>, best first, at most <paramref name="limit"/>;
    /// none for a blank query.
    /// </summary>
    /// <param name="services">The catalogue, in its order.</param>
    /// <param name="query">What the citizen typed.</param>
    /// <param name="issuedToday">Tickets issued today per service id (missing: none).</param>
    /// <param name="limit">Most results.</param>
    /// <param name="language">The screen's language, <c>zh</c> or <c>en</c>: only <c>en</c> matches the English names.</param>
    public static IReadOnlyList<CatalogService> Find(IReadOnlyList<CatalogService> services, string? query, IReadOnlyDictionary<string, int> issuedToday, int limit = MaxResults, string language = "zh")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(issuedToday);
        var q = Normalise(query);
        if (q.Length == 0 || limit <= 0)
        {
            return [];
        }

        var initialsQuery = IsInitialsQuery(q);
        var english = language == "en";
        var hits = new List<(int Rank, int Issued, int Order, CatalogService Service)>();
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            var rank = english ? Math.Min(RankName(s.Name, q), RankEnglish(s.NameEn, q)) : RankName(s.Name, q);
            if (initialsQuery && s.Initials is { } initials)
            {
                rank = Math.Min(rank, RankInitials(initials, q));
            }

            if (rank != NoMatch)
            {
                hits.Add((rank, issuedToday.GetValueOrDefault(s.Id), i, s));
            }
        }

        hits.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Issued != b.Issued ? b.Issued.CompareTo(a.Issued) : a.Order.CompareTo(b.Order));
        return hits.Take(limit).Select(h => h.Service).ToList();
    }

    /// <summary>Trimmed, inner runs of white space made one space, cut at <see cref="MaxQueryLength"/>.</summary>
    private static string Normalise(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return "";
        }

        var words = query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var joined = string.Join(' ', words);
        return joined.Length > MaxQueryLength ? joined[..MaxQueryLength] : joined;
    }

    /// <summary>Only a query of ASCII letters and digits is read as initials: 社b is not "b".</summary>
    private static bool IsInitialsQuery(string q)
    {
        foreach (var c in q)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private static int RankName(string name, string q)
    {
        var at = name.IndexOf(q, StringComparison.Ordinal);
        if (at == 0)
        {
            return 0;
        }

        if (at > 0)
        {
            return 1;
        }

        // 社保卡 for 社会保障卡申领: the characters in order, as people shorten names.
        return q.Length > 1 && InOrder(name, q) ? 2 : NoMatch;
    }

    private static int RankInitials(string initials, string q)
    {
        var at = PinyinInitials.Matches(initials, q);
        return at == 0 ? 0 : at > 0 ? 1 : PinyinInitials.IsSubsequence(initials, q) ? 2 : NoMatch;
    }

    private static int RankEnglish(string? nameEn, string q)
    {
        if (string.IsNullOrEmpty(nameEn))
        {
            return NoMatch;
        }

        var best = NoMatch;
        for (var at = nameEn.IndexOf(q, StringComparison.OrdinalIgnoreCase); at >= 0; at = nameEn.IndexOf(q, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var rank = at == 0 ? 0 : !char.IsLetterOrDigit(nameEn[at - 1]) ? 1 : 2;
            best = Math.Min(best, rank);
            if (best <= 1 || at + 1 >= nameEn.Length)
            {
                break;
            }
        }

        return best;
    }

    private static bool InOrder(string name, string q)
    {
        var i = 0;
        foreach (var c in q)
        {
            if (c == ' ')
            {
                continue;
            }

            i = name.IndexOf(c, i);
            if (i < 0)
            {
                return false;
            }

            i++;
        }

        return true;
    }
}

using System.Globalization;
using System.Text;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// Expands a Slurm hostlist such as <c>n[01-03,07],gpu5</c> into host names. The original split on
/// <c>,</c>, which cuts inside brackets. Ranges keep their zero padding; an expression this cannot read is
/// kept whole rather than guessed at.
/// </summary>
internal static class Hostlist
{
    private const int MaxHosts = 100_000;

    public static IReadOnlyList<string> Expand(string text)
    {
        var hosts = new List<string>();
        if (string.IsNullOrWhiteSpace(text) || text is "(null)" or "n/a") return hosts;
        foreach (var item in SplitTopLevel(text))
        {
            if (!TryExpand(item, hosts)) hosts.Add(item);
            if (hosts.Count > MaxHosts) break;
        }
        return hosts;
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (c == '[') depth++;
            if (c == ']') depth--;
            if (c == ',' && depth == 0)
            {
                if (current.Length > 0) yield return current.ToString();
                current.Clear();
            }
            else current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    private static bool TryExpand(string item, List<string> hosts)
    {
        var open = item.IndexOf('[');
        if (open < 0)
        {
            hosts.Add(item);
            return true;
        }
        var close = item.IndexOf(']', open);
        if (close < 0) return false;
        var prefix = item[..open];
        var suffix = item[(close + 1)..];
        var expanded = new List<string>();
        foreach (var part in item[(open + 1)..close].Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2 || !long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)) return false;
            var high = low;
            if (bounds.Length == 2 && !long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out high)) return false;
            if (high < low || high - low > MaxHosts) return false;
            var width = bounds[0].Length;
            for (var i = low; i <= high; i++)
                expanded.Add(prefix + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        }
        // Several bracket groups (rack[1-2]n[1-3]): expand the rest for each head.
        foreach (var head in expanded)
        {
            if (suffix.Contains('['))
            {
                var tail = new List<string>();
                if (!TryExpand(suffix, tail)) return false;
                hosts.AddRange(tail.Select(t => head + t));
            }
            else hosts.Add(head + suffix);
        }
        return true;
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dssr.Integration.Tests.Observability;

/// <summary>
/// A strict parser of the Prometheus text exposition format (0.0.4): it throws on anything a Prometheus server
/// would refuse (bad names, label syntax or escapes, values, a sample before its TYPE, duplicates, a histogram
/// whose buckets are not cumulative or whose +Inf bucket is not its count). Debian's prometheus package, which
/// has promtool, is not installable here.
/// </summary>
public static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public string Key => Name + "{" + string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}";
    }

    public sealed record Family(string Name, string Type, string Help, List<Sample> Samples);

    public static IReadOnlyDictionary<string, Family> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("the exposition does not end with a newline");
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var help = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var line in text.Split('\n')[..^1])
        {
            lineNo++;
            if (line.Length == 0) continue;
            string Where() => $"line {lineNo}: {line}";
            if (line.StartsWith('#'))
            {
                var m = Comment().Match(line);
                if (!m.Success) { if (line.StartsWith("# HELP", StringComparison.Ordinal) || line.StartsWith("# TYPE", StringComparison.Ordinal)) throw new FormatException($"bad comment, {Where()}"); continue; }
                var name = m.Groups[2].Value;
                if (m.Groups[1].Value == "HELP")
                {
                    if (!help.TryAdd(name, m.Groups[3].Value)) throw new FormatException($"second HELP for {name}, {Where()}");
                    continue;
                }
                var type = m.Groups[3].Value;
                if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped")) throw new FormatException($"unknown type {type}, {Where()}");
                if (families.ContainsKey(name)) throw new FormatException($"second TYPE for {name}, {Where()}");
                families[name] = new Family(name, type, help.GetValueOrDefault(name, ""), []);
                continue;
            }
            var sample = ParseSample(line, Where);
            if (!seen.Add(sample.Key)) throw new FormatException($"duplicate sample {sample.Key}, {Where()}");
            var family = FamilyOf(sample.Name, families) ?? throw new FormatException($"sample before its TYPE, {Where()}");
            family.Samples.Add(sample);
        }
        foreach (var family in families.Values.Where(f => f.Type == "histogram")) CheckHistogram(family);
        return families;
    }

    private static Family? FamilyOf(string sampleName, Dictionary<string, Family> families)
    {
        if (families.TryGetValue(sampleName, out var exact)) return exact;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(sampleName[..^suffix.Length], out var f) && f.Type is "histogram" or "summary")
                return f;
        return null;
    }

    private static Sample ParseSample(string line, Func<string> where)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        var name = line[..i];
        if (!MetricName().IsMatch(name)) throw new FormatException($"bad metric name {name}, {where()}");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (line[i] != '=') i++;
                var label = line[start..i];
                if (!LabelName().IsMatch(label)) throw new FormatException($"bad label name {label}, {where()}");
                i++;
                if (line[i] != '"') throw new FormatException($"label value not quoted, {where()}");
                i++;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch { '\\' => '\\', '"' => '"', 'n' => '\n', _ => throw new FormatException($"bad escape \\{line[i]}, {where()}") });
                    }
                    else value.Append(line[i]);
                    i++;
                }
                i++;
                if (!labels.TryAdd(label, value.ToString())) throw new FormatException($"label {label} twice, {where()}");
                if (line[i] == ',') i++;
                else if (line[i] != '}') throw new FormatException($"expected , or }} after a label, {where()}");
            }
            i++;
        }
        if (i >= line.Length || line[i] != ' ') throw new FormatException($"no value, {where()}");
        var parts = line[(i + 1)..].Split(' ');
        if (parts.Length is < 1 or > 2) throw new FormatException($"bad value or timestamp, {where()}");
        var number = ParseValue(parts[0]) ?? throw new FormatException($"bad value {parts[0]}, {where()}");
        if (parts.Length == 2 && !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            throw new FormatException($"bad timestamp {parts[1]}, {where()}");
        return new Sample(name, labels, number);
    }

    private static double? ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
    };

    private static void CheckHistogram(Family family)
    {
        var series = family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        foreach (var one in series)
        {
            var buckets = one.Where(s => s.Name == family.Name + "_bucket")
                .Select(s => (Le: ParseValue(s.Labels.TryGetValue("le", out var le) ? le : throw new FormatException($"{family.Name} bucket without le")) ?? throw new FormatException($"bad le in {family.Name}"), s.Value))
                .ToList();
            if (buckets.Count == 0) throw new FormatException($"{family.Name} {one.Key} has no buckets");
            for (var k = 1; k < buckets.Count; k++)
                if (buckets[k].Le <= buckets[k - 1].Le || buckets[k].Value < buckets[k - 1].Value)
                    throw new FormatException($"{family.Name} {one.Key}: buckets not increasing and cumulative");
            if (!double.IsPositiveInfinity(buckets[^1].Le)) throw new FormatException($"{family.Name} {one.Key}: no +Inf bucket");
            var count = one.SingleOrDefault(s => s.Name == family.Name + "_count") ?? throw new FormatException($"{family.Name} {one.Key}: no _count");
            _ = one.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"{family.Name} {one.Key}: no _sum");
            if (count.Value != buckets[^1].Value) throw new FormatException($"{family.Name} {one.Key}: +Inf bucket {buckets[^1].Value} is not the count {count.Value}");
        }
    }

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}

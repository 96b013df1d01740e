using System.Text.RegularExpressions;

namespace Dssr.Engine.Configuration;

/// <summary>What <c>dssr config</c> prints: each setting's effective value and where it came from, secrets masked.</summary>
public static partial class ConfigurationReport
{
    public sealed record Row(string Name, string Value, SettingSource Source, string Meaning);

    public static IReadOnlyList<Row> Rows(DssrConfiguration config, IEnumerable<Setting> settings) =>
        settings.DistinctBy(s => s.Name).Select(s =>
        {
            var source = config.SourceOf(s.Name);
            var value = config[s.Name] is { } v ? Shown(s, v) : s.Default;
            return new Row(s.Name, value, source, s.Meaning);
        }).ToList();

    public static void Write(TextWriter output, DssrConfiguration config, IEnumerable<Setting> settings)
    {
        var rows = Rows(config, settings);
        var width = rows.Max(r => r.Name.Length);
        if (config.File is { } file) output.WriteLine($"# dssr.yaml: {file}");
        foreach (var r in rows)
            output.WriteLine($"{r.Name.PadRight(width)}  {r.Value}  ({r.Source.Text()})");
    }

    /// <summary>
    /// The clusters of dssr.yaml (after the settings): each one's connector, endpoint, preferences and failover
    /// targets, and the settings its entry gives with the line they come from, secrets masked.
    /// </summary>
    public static void WriteClusters(TextWriter output, IReadOnlyList<ClusterOptions> clusters, Func<string, IReadOnlyList<Setting>?> settingsOf)
    {
        if (clusters.Count < 2 && clusters.All(c => c.Places.Count == 0 && c.Failover.Count == 0 && c.PreferredJobs.Count == 0)) return;
        output.WriteLine("# clusters");
        foreach (var c in clusters)
        {
            var endpoint = (c.BasePath.Length == 0 ? "/" : c.BasePath + "/") + (c.ListenUrl is { } l ? $" and {l}/" : "");
            output.WriteLine($"{c.Name}  {c.ConnectorName}  at {endpoint}  prefers [{string.Join(", ", c.PreferredJobs)}]  fails over to [{string.Join(", ", c.Failover)}]" +
                (c.ServerKey is null ? "" : "  own server key"));
            var known = settingsOf(c.ConnectorName) ?? [];
            foreach (var (name, place) in c.Places.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var setting = known.FirstOrDefault(s => s.Name == name) ?? new Setting(name, "", "");
                output.WriteLine($"  {name}  {Shown(setting, c.Settings[name])}  ({place})");
            }
        }
    }

    /// <summary>A secret is never shown: a user:password keeps its user, a URL its user and host, anything else is ***.</summary>
    private static string Shown(Setting setting, string value)
    {
        if (!setting.Secret) return value.ReplaceLineEndings(" ");
        if (UrlPassword().IsMatch(value)) return UrlPassword().Replace(value, m => $"{m.Groups[1].Value}{m.Groups[2].Value}:***@");
        if (setting.Name.EndsWith("_PROXY", StringComparison.Ordinal)) return value;
        var colon = value.IndexOf(':');
        return colon > 0 && !value.Contains('\n') && setting.Name == "JARVICE_SCHED_SERVER_KEY" ? value[..colon] + ":***" : "***";
    }

    [GeneratedRegex(@"([a-zA-Z][a-zA-Z0-9+.-]*://)([^:/@\s]*):[^@\s/]*@")]
    private static partial Regex UrlPassword();
}

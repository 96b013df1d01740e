using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Dssr.Engine.Configuration;

/// <summary>
/// Reads dssr.yaml's <c>clusters:</c> list. Each entry has a name, a connector, the settings its connector reads
/// (by their names, or by their short keys such as <c>ssh.host</c>), <c>preferred_jobs</c>, <c>failover</c>,
/// <c>listen</c> and <c>server_key</c>. A secret may be given as <c>KEY_file: path</c>, read here. Every mistake
/// is one line naming the file, the line and the key: an unknown key, a wrong type, an unknown failover target,
/// a failover cycle.
/// </summary>
public static partial class ClusterEntries
{
    public const string Key = "clusters";
    public const string DefaultName = "default";
    private const string FileSuffix = "_file";
    private static readonly string[] OwnKeys = ["name", "connector", "listen", "server_key", "preferred_jobs", "failover"];

    /// <param name="settingsOf">The settings a connector reads, by connector name; null for one that declares none.</param>
    /// <param name="defaultConnector">The connector of <c>default</c> when its entry names none (the environment's).</param>
    public static IReadOnlyList<ClusterEntry> Read(YamlSettingsFile file, Func<string, IReadOnlyList<Setting>?> settingsOf, string defaultConnector)
    {
        if (file.Clusters is not { } node) return [];
        var path = file.Path;
        if (node is YamlScalarNode { Value: null or "" }) return [];
        if (node is not YamlSequenceNode list)
            throw new ConfigurationException($"{path} line {file.ClustersLine}: {Key}: expected a list of clusters, each a mapping with a name");
        var entries = new List<ClusterEntry>();
        foreach (var item in list)
        {
            var entry = ReadEntry(path, item, settingsOf, defaultConnector);
            if (entries.Any(e => e.Name == entry.Name))
                throw new ConfigurationException($"{path} line {entry.Line}: {Key}[{entry.Name}].name: a second cluster named {entry.Name}");
            entries.Add(entry);
        }
        CheckFailover(path, entries);
        return entries;
    }

    private static ClusterEntry ReadEntry(string path, YamlNode item, Func<string, IReadOnlyList<Setting>?> settingsOf, string defaultConnector)
    {
        var line = (int)item.Start.Line;
        if (item is not YamlMappingNode map)
            throw new ConfigurationException($"{path} line {line}: {Key}: each cluster is a mapping such as {{ name: demo, connector: dummy }}");
        var flat = new List<(string Key, YamlNode Value, int Line)>();
        Flatten(path, map, "", flat, $"{Key}[?]");
        var nameNode = flat.FirstOrDefault(f => f.Key == "name");
        if (nameNode.Value is null)
            throw new ConfigurationException($"{path} line {line}: {Key}: a cluster without a name");
        var name = Scalar(path, nameNode, $"{Key}[?]");
        if (!ClusterName().IsMatch(name))
            throw new ConfigurationException($"{path} line {nameNode.Line}: {Key}[{name}].name: '{name}' is not a cluster name (letters, digits, '-', '_', starting with a letter or digit; it becomes a URL path)");
        var where = $"{Key}[{name}]";
        var connector = flat.FirstOrDefault(f => f.Key == "connector") is { Value: not null } c ? Scalar(path, c, where) : null;
        var effectiveConnector = connector ?? (name == DefaultName ? defaultConnector : ServiceOptionsReader.DefaultConnector);
        var known = settingsOf(effectiveConnector);

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var places = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        IReadOnlyList<string>? preferred = null;
        IReadOnlyList<string> failover = [];
        int failoverLine = 0;
        string? listen = null, serverKey = null, inlineSecret = null;
        foreach (var f in flat)
        {
            switch (f.Key)
            {
                case "name" or "connector":
                    continue;
                case "preferred_jobs":
                    preferred = Words(path, f, where);
                    continue;
                case "failover":
                    failover = Words(path, f, where);
                    failoverLine = f.Line;
                    continue;
                case "listen":
                    listen = Scalar(path, f, where);
                    continue;
                case "server_key":
                    serverKey = Scalar(path, f, where);
                    inlineSecret ??= $"line {f.Line}: {where}.server_key";
                    continue;
                case "server_key" + FileSuffix:
                    serverKey = ReadSecretFile(path, f, where);
                    continue;
            }
            var fromFile = false;
            var setting = Find(known, f.Key);
            if (setting is null && f.Key.EndsWith(FileSuffix, StringComparison.Ordinal) && Find(known, f.Key[..^FileSuffix.Length]) is { Secret: true } secret)
            {
                setting = secret;
                fromFile = true;
            }
            if (setting is null)
            {
                var hint = known is null
                    ? $"the connector {effectiveConnector} declares no settings"
                    : "dssr.example.yaml lists the keys";
                throw new ConfigurationException($"{path} line {f.Line}: {where}.{f.Key} is not a key of a {effectiveConnector} cluster ({hint})");
            }
            var value = fromFile ? ReadSecretFile(path, f, where) : Scalar(path, f, where, allowList: true);
            if (setting.Secret && !fromFile) inlineSecret ??= $"line {f.Line}: {where}.{f.Key}";
            settings[setting.Name] = value;
            places[setting.Name] = (f.Line, f.Key);
        }
        return new ClusterEntry(name, line)
        {
            Connector = connector,
            Settings = settings,
            Places = places,
            PreferredJobs = preferred,
            Failover = failover,
            FailoverLine = failoverLine,
            Listen = listen,
            ServerKey = serverKey,
            InlineSecret = inlineSecret,
        };
    }

    private static Setting? Find(IReadOnlyList<Setting>? known, string key) =>
        known?.FirstOrDefault(s => s.Yaml == key) ?? known?.FirstOrDefault(s => s.Name == key);

    /// <summary>Nested mappings become dotted keys (<c>ssh: {host: x}</c> is <c>ssh.host</c>); lists stay whole.</summary>
    private static void Flatten(string path, YamlMappingNode map, string prefix, List<(string, YamlNode, int)> into, string where)
    {
        foreach (var (k, v) in map.Children)
        {
            var line = (int)k.Start.Line;
            var key = (k as YamlScalarNode)?.Value
                ?? throw new ConfigurationException($"{path} line {line}: {where}: a key must be plain text");
            var full = prefix + key;
            if (v is YamlMappingNode inner) Flatten(path, inner, full + ".", into, where);
            else into.Add((full, v, line));
        }
    }

    private static string Scalar(string path, (string Key, YamlNode Value, int Line) f, string where, bool allowList = false)
    {
        switch (f.Value)
        {
            case YamlScalarNode s:
                return s.Value ?? "";
            case YamlSequenceNode list when allowList && list.All(i => i is YamlScalarNode):
                return string.Join(",", list.Cast<YamlScalarNode>().Select(i => i.Value));
            default:
                throw new ConfigurationException($"{path} line {f.Line}: {where}.{f.Key}: expected a single value, not {Kind(f.Value)}");
        }
    }

    private static IReadOnlyList<string> Words(string path, (string Key, YamlNode Value, int Line) f, string where)
    {
        if (f.Value is YamlSequenceNode list && list.All(i => i is YamlScalarNode { Value.Length: > 0 }))
            return list.Cast<YamlScalarNode>().Select(i => i.Value!.Trim()).ToList();
        throw new ConfigurationException($"{path} line {f.Line}: {where}.{f.Key}: expected a list of words such as [cpu, gpu], not {Kind(f.Value)}");
    }

    private static string ReadSecretFile(string path, (string Key, YamlNode Value, int Line) f, string where)
    {
        var file = Scalar(path, f, where);
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{path} line {f.Line}: {where}.{f.Key}: cannot read {file} ({e.GetType().Name})");
        }
    }

    private static string Kind(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "this",
    };

    /// <summary>Every failover target is a cluster, and following failover lists never comes back to where it started.</summary>
    private static void CheckFailover(string path, IReadOnlyList<ClusterEntry> entries)
    {
        var names = entries.Select(e => e.Name).Append(DefaultName).ToHashSet(StringComparer.Ordinal);
        foreach (var e in entries)
            foreach (var target in e.Failover)
                if (!names.Contains(target))
                    throw new ConfigurationException($"{path} line {e.FailoverLine}: {Key}[{e.Name}].failover: no cluster named {target} (the clusters are {string.Join(", ", names.Order())})");
        var edges = entries.ToDictionary(e => e.Name, e => e.Failover, StringComparer.Ordinal);
        foreach (var start in entries)
        {
            var cycle = FindCycle(start.Name, start.Name, edges, [start.Name]);
            if (cycle is not null)
                throw new ConfigurationException($"{path} line {start.FailoverLine}: {Key}[{start.Name}].failover: a cycle ({string.Join(" -> ", cycle)})");
        }
    }

    private static List<string>? FindCycle(string start, string at, Dictionary<string, IReadOnlyList<string>> edges, List<string> trail)
    {
        if (!edges.TryGetValue(at, out var next)) return null;
        foreach (var n in next)
        {
            if (n == start) return [.. trail, n];
            if (trail.Contains(n)) continue;
            if (FindCycle(start, n, edges, [.. trail, n]) is { } found) return found;
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,62}\\z")]
    private static partial Regex ClusterName();
}

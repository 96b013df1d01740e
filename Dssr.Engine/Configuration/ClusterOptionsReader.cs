namespace Dssr.Engine.Configuration;

/// <summary>
/// Turns dssr.yaml's cluster entries into <see cref="ClusterOptions"/>. The environment describes <c>default</c>
/// and its entry overrides it key by key. Every other cluster gets its entry's settings and, unless it sets
/// them, the service's job rendering settings (system images, registries, proxies): those are the site's, not a
/// cluster's. Its state (such as the dummy's job store) lives in its own folder.
/// </summary>
internal static class ClusterOptionsReader
{
    public static IReadOnlyList<ClusterOptions> Build(ServiceOptions options, IReadOnlyList<ClusterEntry> entries, DssrConfiguration config)
    {
        var file = config.File ?? "dssr.yaml";
        var byName = entries.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var clusters = new List<ClusterOptions>();

        byName.TryGetValue(ClusterOptions.DefaultName, out var own);
        var defaultSettings = new Dictionary<string, string>(options.ClusterSettings, StringComparer.Ordinal);
        if (own is not null)
            foreach (var (k, v) in own.Settings) defaultSettings[k] = v;
        clusters.Add(From(own, ClusterOptions.DefaultName, own?.Connector ?? options.ConnectorName, defaultSettings, file));

        var rendering = config.Section(ServiceSettings.Rendering.Select(s => s.Name));
        foreach (var entry in entries.Where(e => e.Name != ClusterOptions.DefaultName))
        {
            var settings = new Dictionary<string, string>(rendering, StringComparer.Ordinal);
            foreach (var (k, v) in entry.Settings) settings[k] = v;
            clusters.Add(From(entry, entry.Name, entry.Connector ?? ServiceOptionsReader.DefaultConnector, settings, file));
        }
        CheckListens(options, clusters, byName, file);
        return clusters;
    }

    /// <summary>Each address serves one endpoint: a cluster's own listen port is neither the service's nor another cluster's.</summary>
    private static void CheckListens(ServiceOptions options, List<ClusterOptions> clusters, Dictionary<string, ClusterEntry> entries, string file)
    {
        var taken = new Dictionary<int, string>();
        if (Uri.TryCreate(options.ListenUrl, UriKind.Absolute, out var main) && main.Port != 0) taken[main.Port] = "the service's listen address";
        foreach (var c in clusters.Where(c => c.ListenUrl is not null))
        {
            var port = new Uri(c.ListenUrl!).Port;
            if (port == 0)
                throw new ConfigurationException($"{file} line {entries[c.Name].Line}: {ClusterEntries.Key}[{c.Name}].listen: give a port, not 0 (its routes are found by the port a request arrives on)");
            if (!taken.TryAdd(port, $"cluster {c.Name}"))
                throw new ConfigurationException($"{file} line {entries[c.Name].Line}: {ClusterEntries.Key}[{c.Name}].listen: port {port} is already {taken[port]}'s");
        }
    }

    private static ClusterOptions From(ClusterEntry? entry, string name, string connector, IReadOnlyDictionary<string, string> settings, string file)
    {
        var where = $"{file} line {entry?.Line}: {ClusterEntries.Key}[{name}]";
        return new ClusterOptions(name, connector, settings)
        {
            PreferredJobs = entry?.PreferredJobs ?? [],
            Failover = entry?.Failover ?? [],
            ListenUrl = entry?.Listen is { } listen ? ServiceOptionsReader.CheckUrl(listen, $"{where}.listen") : null,
            ServerKey = entry?.ServerKey is { } key
                ? key.Contains(':') ? key : throw new ConfigurationException($"{where}.server_key: expected user:password")
                : null,
            Places = entry?.Places.ToDictionary(kv => kv.Key, kv => $"{file} line {kv.Value.Line}: {ClusterEntries.Key}[{name}].{kv.Value.Key}", StringComparer.Ordinal)
                ?? new Dictionary<string, string>(),
        };
    }
}

namespace Dssr.Engine.Configuration;

/// <summary>
/// One cluster as the service runs it: its connector and the settings that connector reads, the kinds of job it
/// prefers, where its jobs go when it cannot take them, and its own endpoint (listen address, server key).
/// </summary>
public sealed record ClusterOptions(string Name, string ConnectorName, IReadOnlyDictionary<string, string> Settings)
{
    public const string DefaultName = ClusterEntries.DefaultName;

    /// <summary>Free words (cpu, gpu, interactive, large-memory…); a failover target must share one with the job's kind.</summary>
    public IReadOnlyList<string> PreferredJobs { get; init; } = [];
    /// <summary>Clusters tried, in order, when this one cannot take a submit.</summary>
    public IReadOnlyList<string> Failover { get; init; } = [];
    /// <summary>An address of its own, besides <c>/clusters/NAME/</c> on the main one; null for none.</summary>
    public string? ListenUrl { get; init; }
    /// <summary>Its own <c>user:password</c>; null: the service's (JARVICE_SCHED_SERVER_KEY).</summary>
    public string? ServerKey { get; init; }
    /// <summary>Setting name to where dssr.yaml set it for this cluster (<c>FILE line N: clusters[NAME].KEY</c>).</summary>
    public IReadOnlyDictionary<string, string> Places { get; init; } = new Dictionary<string, string>();

    public bool IsDefault => Name == DefaultName;

    /// <summary>The base path of its legacy routes: empty for <c>default</c>, <c>/clusters/NAME</c> for the others.</summary>
    public string BasePath => IsDefault ? "" : $"/clusters/{Name}";
}

namespace Dssr.Engine.Configuration;

/// <summary>
/// One entry of dssr.yaml's <c>clusters:</c> list, checked: its settings by their names (the environment
/// variables'), and where in the file each was written, so a value refused later still names its line and key.
/// </summary>
public sealed record ClusterEntry(string Name, int Line)
{
    public string? Connector { get; init; }
    /// <summary>Setting name to value (a <c>*_file</c> secret already read).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    /// <summary>Setting name to the line and key it was written under (such as <c>ssh.port</c>).</summary>
    public IReadOnlyDictionary<string, (int Line, string Key)> Places { get; init; } = new Dictionary<string, (int, string)>();
    /// <summary>Null when the entry does not say (the default cluster then takes none).</summary>
    public IReadOnlyList<string>? PreferredJobs { get; init; }
    public IReadOnlyList<string> Failover { get; init; } = [];
    public int FailoverLine { get; init; }
    public string? Listen { get; init; }
    public string? ServerKey { get; init; }
    /// <summary>Where the entry first holds a secret written in the file itself (not as a <c>*_file</c> path).</summary>
    public string? InlineSecret { get; init; }
}

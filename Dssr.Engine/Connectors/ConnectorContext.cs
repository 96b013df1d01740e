using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Connectors;

/// <summary>
/// What a connector is built from: its cluster's name, settings, state folder, clock and logger, and
/// the log where a connector that runs remote commands records them (for the console's job detail).
/// </summary>
public sealed record ConnectorContext(
    string ClusterName,
    IReadOnlyDictionary<string, string> Settings,
    string StateDirectory,
    TimeProvider Clock,
    ILoggerFactory Logs)
{
    public Remote.CommandLog Commands { get; init; } = new();

    public string? Setting(string key) => Settings.TryGetValue(key, out var v) ? v : null;
}

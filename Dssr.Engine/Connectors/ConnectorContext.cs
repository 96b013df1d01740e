using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Engine.Connectors;

/// <summary>
/// What a connector is built from: its cluster's name, settings, state folder, clock and logger, and the
/// cluster's <see cref="Shells"/>, through which a connector that runs remote commands reaches the cluster
/// (they land in <see cref="Commands"/>, shown in the console's job detail).
/// </summary>
public sealed record ConnectorContext(
    string ClusterName,
    IReadOnlyDictionary<string, string> Settings,
    string StateDirectory,
    TimeProvider Clock,
    ILoggerFactory Logs)
{
    private ShellProvider? _shells;

    public CommandLog Commands { get; init; } = new();

    /// <summary>The cluster's load meter: a connector names the programs that cost its scheduler's controller an RPC.</summary>
    public Observability.LoadMeter Load { get; init; } = new();

    /// <summary>The cluster's remote shells; the connector says how to reach the cluster with <see cref="ShellProvider.Use"/>.</summary>
    public ShellProvider Shells
    {
        get => _shells ??= new ShellProvider(Commands, NullLogger.Instance);
        init => _shells = value;
    }

    public string? Setting(string key) => Settings.TryGetValue(key, out var v) ? v : null;
}

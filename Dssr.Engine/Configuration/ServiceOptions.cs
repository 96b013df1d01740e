using Serilog.Events;

namespace Dssr.Engine.Configuration;

/// <summary>How the service runs: where it listens, where it keeps state, who may call it.</summary>
public sealed record ServiceOptions
{
    public required string ListenUrl { get; init; }
    public required string StateDirectory { get; init; }
    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;
    /// <summary><c>user:password</c> from JARVICE_SCHED_SERVER_KEY; null means the API is open, as the original.</summary>
    public string? ServerKey { get; init; }
    public TimeSpan QueueMaxAge { get; init; } = TimeSpan.FromSeconds(2);
    public long MaxBodyBytes { get; init; } = 1024 * 1024;
    public required string ConnectorName { get; init; }
    /// <summary>Every effective setting (dssr.yaml, environment, command line); its connector receives only its own section.</summary>
    public required IReadOnlyDictionary<string, string> ClusterSettings { get; init; }

    public bool ListensOnAllInterfaces =>
        Uri.TryCreate(ListenUrl, UriKind.Absolute, out var uri) && uri.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+";
}

using Serilog.Events;

namespace Dssr.Engine.Configuration;

/// <summary>How the service runs: where it listens, where it keeps state, who may call it.</summary>
public sealed record ServiceOptions
{
    public required string ListenUrl { get; init; }
    /// <summary>A listener of its own for the job proxy (DSSR_JOBS_LISTEN); null: the API's listener serves it too.</summary>
    public string? JobsListenUrl { get; init; }
    /// <summary>A listener of its own for /metrics (DSSR_METRICS_LISTEN); null: the API's listener serves it.</summary>
    public string? MetricsListenUrl { get; init; }
    /// <summary>The file the upstream conversation is recorded to (DSSR_RECORD); null: not recorded.</summary>
    public string? RecordFile { get; init; }
    /// <summary>Queue queries per minute per cluster within budget (DSSR_QUEUE_BUDGET_PER_MINUTE).</summary>
    public int QueueBudgetPerMinute { get; init; } = 30;
    public required string StateDirectory { get; init; }
    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;
    /// <summary><c>user:password</c> from JARVICE_SCHED_SERVER_KEY; null means the API is open, as the original.</summary>
    public string? ServerKey { get; init; }
    public TimeSpan QueueMaxAge { get; init; } = TimeSpan.FromSeconds(2);
    public long MaxBodyBytes { get; init; } = 1024 * 1024;
    /// <summary>Failed authentications a client address may make in a minute before it is answered 429 for the rest of it; 0: no limit.</summary>
    public int AuthFailuresPerMinute { get; init; } = 10;
    public required string ConnectorName { get; init; }
    /// <summary>Every effective setting (dssr.yaml, environment, command line); its connector receives only its own section.</summary>
    public required IReadOnlyDictionary<string, string> ClusterSettings { get; init; }

    /// <summary>Every cluster, <c>default</c> first (the environment's, with its dssr.yaml entry on top), then dssr.yaml's others.</summary>
    public IReadOnlyList<ClusterOptions> Clusters
    {
        get => _clusters ?? [new ClusterOptions(ClusterOptions.DefaultName, ConnectorName, ClusterSettings)];
        init => _clusters = value;
    }
    private readonly IReadOnlyList<ClusterOptions>? _clusters;

    public bool ListensOnAllInterfaces =>
        Uri.TryCreate(ListenUrl, UriKind.Absolute, out var uri) && uri.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+";
}

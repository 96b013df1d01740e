namespace Dssr.Engine.Clusters;

/// <summary>
/// A cluster at a glance, as a console's clusters table shows it: its reach and SSH latency (from the last probe),
/// its running and queued jobs and how old that data is (from its latest queue snapshot), and its failovers.
/// </summary>
public sealed record ClusterStatus(
    string Name,
    string Connector,
    bool IsReady,
    bool? Reachable,
    TimeSpan? Latency,
    DateTimeOffset? ProbedAt,
    int? Running,
    int? Queued,
    TimeSpan? DataAge,
    long FailoversOut,
    long FailoversIn,
    string? LastFailover);

using Dssr.Engine.Clusters;

namespace Dssr.Tui.ViewModels;

/// <summary>
/// One cluster in the clusters pane. Null values are not known yet; <see cref="SilentFor"/> is how long the
/// probe in flight has waited without any answer (null when none is waiting).
/// </summary>
internal sealed record ClusterRow(
    string Name,
    string Connector,
    bool Ready,
    bool? Reachable,
    TimeSpan? Latency,
    int? Running,
    int? Queued,
    TimeSpan? DataAge,
    string? Error,
    long FailoversOut = 0,
    long FailoversIn = 0,
    string? LastFailover = null,
    TimeSpan? SilentFor = null)
{
    /// <summary>A probe unanswered this long marks the cluster unreachable before the probe gives up.</summary>
    public static readonly TimeSpan SilentAfter = TimeSpan.FromSeconds(3);

    public bool IsSilent => SilentFor is { } s && s >= SilentAfter;

    public static ClusterRow From(ClusterStatus s, string? error, TimeSpan? silentFor) =>
        new(s.Name, s.Connector, s.IsReady, s.Reachable, s.Latency, s.Running, s.Queued, s.DataAge, error,
            s.FailoversOut, s.FailoversIn, s.LastFailover, silentFor);
}

namespace Dssr.Tui.ViewModels;

/// <summary>One cluster in the clusters pane. Null values are not known yet.</summary>
public sealed record ClusterRow(
    string Name,
    string Connector,
    bool Ready,
    bool? Reachable,
    TimeSpan? Latency,
    int Running,
    int Queued,
    TimeSpan? DataAge,
    string? Error);

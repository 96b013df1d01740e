namespace Dssr.Tui.ViewModels;

/// <summary>The console's top line: what runs, where it serves, who may call it, and how busy the upstream is.</summary>
internal sealed record HeaderInfo(
    string Version,
    string Address,
    bool Serving,
    string? ServingProblem,
    bool AuthOn,
    double RequestsPerSecond,
    TimeSpan? SinceUpstreamCall,
    bool ReadOnly)
{
    /// <summary>The journal's kind and health, and the replicas sharing it; null before it is known.</summary>
    public JournalInfo? Journal { get; init; }

    /// <summary>The file the upstream conversation is being recorded to; null when not recording.</summary>
    public string? RecordingTo { get; init; }
}

/// <summary>
/// The journal as the header shows it: <c>sqlite</c> or <c>postgresql</c>, why it is unhealthy (null: healthy),
/// and with a shared journal the replicas seen in the last minute and which one this process is.
/// </summary>
internal sealed record JournalInfo(string Kind, string? Problem, int? Replicas, string? ThisReplica);

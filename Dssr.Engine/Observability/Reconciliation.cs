namespace Dssr.Engine.Observability;

/// <summary>How the journal, the cluster and (from a recording) the upstream agree about one job.</summary>
public enum Verdict
{
    /// <summary>They agree.</summary>
    Agrees,
    /// <summary>A <c>jarvice_</c> job on the cluster that no journal row knows (submitted outside Dssr, or a row lost).</summary>
    Orphan,
    /// <summary>A job the journal holds without a final state that the cluster no longer has: its end was never recorded.</summary>
    Forgotten,
    /// <summary>A submit still SUBMITTING (or UNANSWERED) well after it started: the answer to the upstream was lost.</summary>
    StuckSubmitting,
    /// <summary>The journal holds a final state for a job the cluster still runs.</summary>
    EndedButRunning,
}

/// <param name="Cluster">Where the job lives.</param>
/// <param name="Name">The upstream's job name (null for an orphan the cluster names otherwise).</param>
/// <param name="JournalState">The journal's final state, else its last seen state; null: no row.</param>
/// <param name="ClusterState">What the cluster says now; null: it does not know the job.</param>
/// <param name="UpstreamLast">The upstream's last call about the job in the recording (route and status), when a recording was given.</param>
public sealed record ReconciliationRow(string Cluster, string Name, long? Number, string JobId, string? JournalState, string? ClusterState,
    string? UpstreamLast, Verdict Verdict, string Detail)
{
    public bool Disagrees => Verdict != Verdict.Agrees;
}

/// <summary>Every job of the clusters asked, rows that disagree first; what <c>dssr reconcile</c> prints and the console shows.</summary>
public sealed record Reconciliation(DateTimeOffset At, IReadOnlyList<string> Clusters, IReadOnlyList<ReconciliationRow> Rows,
    IReadOnlyList<string> Unreachable)
{
    public int Disagreements => Rows.Count(r => r.Disagrees);

    /// <summary>Nothing disagrees and every cluster answered.</summary>
    public bool AllAgree => Disagreements == 0 && Unreachable.Count == 0;
}

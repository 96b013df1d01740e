using Dssr.Engine.Connectors;

namespace Dssr.Tui.ViewModels;

/// <summary>One job as the queue pane shows it: the snapshot's view joined with the journal's record.</summary>
internal sealed record QueueRow(
    string Name,
    long? Number,
    string Cluster,
    string JobId,
    string State,
    JobPhase Phase,
    TimeSpan Elapsed,
    string Nodes,
    string Owner)
{
    /// <summary>What <c>/</c> filters on: every column as shown, in one line.</summary>
    public string SearchText => $"{Name} {Number} {Cluster} {JobId} {State} {Nodes} {Owner}";

    public static string FormatElapsed(TimeSpan t) =>
        $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}";
}

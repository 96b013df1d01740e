namespace Dssr.Tui.ViewModels;

/// <summary>The queue's columns, in the order shown; <c>s</c> cycles the sort through them.</summary>
internal enum QueueColumn
{
    Name,
    Number,
    Cluster,
    JobId,
    State,
    Elapsed,
    Nodes,
    Owner,
}

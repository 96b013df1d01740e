namespace Dssr.Tui.ViewModels;

/// <summary>Everything known about one job, for the detail view.</summary>
internal sealed record JobDetail(
    QueueRow Row,
    IReadOnlyList<(string Field, string Value)> Record,
    string Script,
    IReadOnlyList<string> SbatchArguments,
    IReadOnlyList<string> RemoteCommands)
{
    /// <summary>The job's output when the operator follows it (<c>l</c>); null until asked.</summary>
    public string? Output { get; init; }
}

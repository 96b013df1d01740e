namespace Dssr.Engine.Connectors;

/// <summary>
/// The /runstatus tuple <c>[nodes, elapsed, path, null]</c>. <see cref="Nodes"/> is a list for a real cluster;
/// the dummy keeps the original's single string, which the upstream also accepts.
/// </summary>
public sealed record RunStatus(RunStatusNodes Nodes, string Elapsed, string Path);

public sealed record RunStatusNodes(IReadOnlyList<string>? List, string? Text)
{
    public static RunStatusNodes Of(IReadOnlyList<string> nodes) => new(nodes, null);
    public static RunStatusNodes OfText(string text) => new(null, text);
}

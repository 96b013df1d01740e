namespace Dssr.Engine.Connectors;

/// <summary>The validated arguments of /submit. <see cref="HpcScript"/> maps an executor name to base64 text.</summary>
public sealed record SubmitRequest(
    string Name,
    long Number,
    int Nodes,
    IReadOnlyDictionary<string, string> HpcScript,
    string Bearer);

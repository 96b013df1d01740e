namespace Dssr.Engine.Connectors;

/// <summary>One job in a snapshot. <see cref="Name"/> is the upstream name (no <c>jarvice_</c> prefix).</summary>
public sealed record QueueEntry(
    string Name,
    string JobId,
    JobPhase Phase,
    string State,
    TimeSpan Elapsed,
    IReadOnlyList<string> Nodes,
    string? Owner = null);

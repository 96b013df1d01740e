namespace Dssr.Engine.Jobs;

/// <summary>The journal as last seen: reachable or not (with why), and its schema version.</summary>
public sealed record JournalHealth(bool IsHealthy, string? Problem, int SchemaVersion)
{
    public static JournalHealth Healthy(int version) => new(true, null, version);
}

namespace Dssr.Engine.Jobs;

/// <summary>One accepted submission as the journal keeps it.</summary>
public sealed record JobRecord(
    string Cluster,
    string Name,
    long Number,
    string JobId,
    string? Owner,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    string? LastState,
    string? FinalState,
    int? ExitCode,
    string Fscript);

using System.Text.Json.Serialization;

namespace Dssr.Engine.Jobs;

/// <summary>
/// One accepted submission as the journal keeps it. <see cref="Cluster"/> is the cluster whose endpoint the
/// upstream submitted to (with name and number, the submit's identity); <see cref="RunsOn"/> is where the job
/// lives, another cluster when the submit failed over, with the reason in <see cref="Failover"/>.
/// <see cref="Secrets"/> only for an interactive job.
/// </summary>
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
    string Fscript,
    Interactive.JobSecrets? Secrets = null)
{
    /// <summary>The cluster that accepted the job; null or empty: <see cref="Cluster"/>.</summary>
    public string? PlacedOn { get; init; }

    /// <summary>Why the job is not on <see cref="Cluster"/>: each cluster tried and what it said, then where it went; null when it did not fail over.</summary>
    public string? Failover { get; init; }

    /// <summary>Where the job lives: the cluster every per-job call goes to.</summary>
    [JsonIgnore]
    public string RunsOn => string.IsNullOrEmpty(PlacedOn) ? Cluster : PlacedOn;

    /// <summary>True when the job lives on another cluster than the one it was submitted to.</summary>
    [JsonIgnore]
    public bool FailedOver => RunsOn != Cluster;
}

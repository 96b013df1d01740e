using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dssr.Connectors.Slurm.Submit;

/// <summary>
/// What one Slurm submit is made of, as it passes from step to step: the upstream's name and number, the Unix user it
/// runs as, the cluster, the decoded <c>JOBOBJ_*</c> fields (credentials redacted), the sbatch options as an argv list,
/// the variables the job is given, and the rendered script (redacted: what may be shown). Every value here may be
/// printed; the credentials travel beside it, never in it.
/// </summary>
public sealed record Submission(string Name, long Number, string Cluster)
{
    public string User { get; init; } = "";
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> SbatchOptions { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>The script sbatch receives, credentials redacted; empty until the render step.</summary>
    public string Script { get; init; } = "";
    /// <summary>The Slurm job id; null until sbatch answered.</summary>
    public string? JobId { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The submission as one JSON object (snake_case keys), as a remote hook reads it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public override string ToString() => $"Submission {{ {Name}:{Number} on {Cluster} as {User}, sbatch {string.Join(' ', SbatchOptions)} }}";
}

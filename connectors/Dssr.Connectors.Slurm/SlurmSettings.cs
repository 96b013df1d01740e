using Dssr.Engine.Executors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm;

/// <summary>What the Slurm connector is configured with; read once at start by <see cref="SlurmSettingsReader"/>.</summary>
public sealed record SlurmSettings
{
    public required SshSettings Ssh { get; init; }
    public required SingularitySettings Singularity { get; init; }
    /// <summary>How interactive jobs are given their secrets and published.</summary>
    public Dssr.Engine.Interactive.InteractiveSettings Interactive { get; init; } = new();
    /// <summary>The scratch prefix, empty (the user's home) or ending in <c>/</c>.</summary>
    public string ScratchDir => Singularity.ScratchDir;
    /// <summary>Lines of job output /exitstatus returns.</summary>
    public int LogLines { get; init; } = 10_000;
    /// <summary>The most lines a /request tail may ask for.</summary>
    public int TailMaxLines { get; init; } = 10_000;
    /// <summary>Folders pvcls may list (and anything under them); none configured: pvcls is refused.</summary>
    public IReadOnlyList<string> PvclsRoots { get; init; } = [];
    /// <summary>users_id_mapping_configuration.yaml, or null: every job runs as the service user.</summary>
    public string? MappingFile { get; init; }
    public string JwtClaim { get; init; } = "email";
    /// <summary>A PEM public key or a JWKS file that signs the bearer tokens; null: tokens are decoded unverified.</summary>
    public string? JwtKeyFile { get; init; }
}

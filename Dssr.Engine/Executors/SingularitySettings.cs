namespace Dssr.Engine.Executors;

/// <summary>
/// What the cluster's configuration contributes to a singularity job: the original's <c>JARVICE_*</c>
/// variables, read by <see cref="SingularitySettingsReader"/>. Credentials are held decoded.
/// </summary>
public sealed record SingularitySettings
{
    public string Executor { get; init; } = "singularity";
    public required string SystemRegistry { get; init; }
    public required string SystemRepoBase { get; init; }
    public string ImagesTag { get; init; } = "latest";
    /// <summary>The uname machine name of the host Dssr runs on, as the original compares tags with it.</summary>
    public required string HostArch { get; init; }
    public string? LocalRegistry { get; init; }
    public string? LocalRepoBase { get; init; }
    public string? RegistryProxyPort { get; init; }
    public IReadOnlyList<string> RegistryProxyRepos { get; init; } = [];
    public string InitRegistryUsername { get; init; } = "";
    public string InitRegistryPassword { get; init; } = "";
    public string HttpProxy { get; init; } = "";
    public string HttpsProxy { get; init; } = "";
    public string NoProxy { get; init; } = "";
    /// <summary>Empty, or ending in <c>/</c>: the prefix of the <c>.jarvice/</c> paths.</summary>
    public string ScratchDir { get; init; } = "";
    public string GlobalScratchDir { get; init; } = "";
    public IReadOnlyList<string> GlobalRegistries { get; init; } = [];
    public string SingularityVerbose { get; init; } = "false";
    public string SingularityTmpdir { get; init; } = "/tmp";
    public int OverlaySizeMb { get; init; } = 600;

    /// <summary>Keeps the registry password out of logs that print the settings.</summary>
    public override string ToString() =>
        $"SingularitySettings {{ Executor = {Executor}, SystemRegistry = {SystemRegistry}, SystemRepoBase = {SystemRepoBase}, " +
        $"ImagesTag = {ImagesTag}, ScratchDir = {ScratchDir}, OverlaySizeMb = {OverlaySizeMb}, credentials = <redacted> }}";
}

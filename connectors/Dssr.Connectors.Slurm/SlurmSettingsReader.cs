using System.Globalization;
using Dssr.Engine.Configuration;
using Dssr.Engine.Executors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// The Slurm connector's settings from the original's environment variables (§4.1) and the ones Dssr adds.
/// Every bad value is a <see cref="ConfigurationException"/> naming the variable, so the service does not start.
/// </summary>
internal static class SlurmSettingsReader
{
    public const string Interface = "JARVICE_SLURM_INTERFACE";
    public const string LogLines = "JARVICE_SLURM_LOG_LINES";
    public const string TailMaxLines = "JARVICE_SLURM_TAIL_MAX_LINES";
    public const string PvclsRoots = "JARVICE_SLURM_PVCLS_ROOTS";
    public const string MappingFile = "JARVICE_SLURM_USERS_MAPPING_FILE";
    public const string JwtClaim = "JARVICE_SLURM_JWT_EMAIL_CLAIM";
    public const string JwtKeyFile = "JARVICE_SLURM_JWT_KEY_FILE";
    /// <summary>The original's file name, read from the working directory when present.</summary>
    public const string DefaultMappingFile = "users_id_mapping_configuration.yaml";

    public static SlurmSettings Read(IReadOnlyDictionary<string, string> env, string stateDirectory)
    {
        var mode = (Get(env, Interface) ?? "cli").ToLowerInvariant();
        if (mode == "http")
            throw new ConfigurationException($"{Interface}=http (slurmrestd) is not supported yet; use cli (the default), which runs Slurm commands over SSH");
        if (mode != "cli")
            throw new ConfigurationException($"{Interface} must be cli (or http, not supported yet), not {mode}");

        var ssh = SshSettingsReader.Read(env, stateDirectory)
            ?? throw new ConfigurationException($"{SshSettingsReader.Address} is not set: the slurm connector needs the login node's address");

        var mapping = Get(env, MappingFile);
        if (mapping is not null && !File.Exists(mapping))
            throw new ConfigurationException($"{MappingFile}: no file at {mapping}");
        mapping ??= File.Exists(DefaultMappingFile) ? Path.GetFullPath(DefaultMappingFile) : null;

        var keyFile = Get(env, JwtKeyFile);
        if (keyFile is not null && !File.Exists(keyFile))
            throw new ConfigurationException($"{JwtKeyFile}: no file at {keyFile}");

        return new SlurmSettings
        {
            Ssh = ssh,
            Singularity = SingularitySettingsReader.Read(env),
            Interactive = Dssr.Engine.Interactive.InteractiveSettings.Read(env),
            LogLines = Count(env, LogLines, 10_000),
            TailMaxLines = Count(env, TailMaxLines, 10_000),
            PvclsRoots = Roots(Get(env, PvclsRoots)),
            MappingFile = mapping,
            JwtClaim = Get(env, JwtClaim) ?? "email",
            JwtKeyFile = keyFile,
        };
    }

    private static IReadOnlyList<string> Roots(string? text)
    {
        if (text is null) return [];
        var roots = new List<string>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!raw.StartsWith('/') || raw.Split('/').Contains(".."))
                throw new ConfigurationException($"{PvclsRoots}: '{raw}' is not an absolute folder without '..'");
            roots.Add(raw.Length > 1 ? raw.TrimEnd('/') : raw);
        }
        return roots;
    }

    private static int Count(IReadOnlyDictionary<string, string> env, string name, int fallback)
    {
        if (Get(env, name) is not { } text) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 1_000_000)
            throw new ConfigurationException($"{name} must be a whole number of lines (1 to 1000000), not {text}");
        return n;
    }

    private static string? Get(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

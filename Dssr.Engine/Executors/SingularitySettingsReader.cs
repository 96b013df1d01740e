using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Dssr.Engine.Configuration;

namespace Dssr.Engine.Executors;

/// <summary>
/// Reads <see cref="SingularitySettings"/> from the original's environment variables. Every bad value is a
/// <see cref="ConfigurationException"/> naming the variable. Unlike the original, an unset
/// <c>JARVICE_JOB_GLOBAL_REGISTRIES</c> means no global registry (the original matched every image), and
/// its last entry gets no stray <c>/</c>.
/// </summary>
public static class SingularitySettingsReader
{
    public static SingularitySettings Read(IReadOnlyDictionary<string, string> env, string? hostArch = null)
    {
        string? Get(string key) => env.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        string Required(string key) => Get(key) ?? throw new ConfigurationException($"{key}: required (see the README)");

        var localRegistry = Get("JARVICE_LOCAL_REGISTRY");
        var localRepoBase = Get("JARVICE_LOCAL_REPO_BASE");
        if (localRegistry is not null && localRepoBase is null)
            throw new ConfigurationException("JARVICE_LOCAL_REPO_BASE: required when JARVICE_LOCAL_REGISTRY is set");

        var proxyPort = Get("JARVICE_REGISTRY_PROXY_PORT");
        if (proxyPort is not null && !IsPort(proxyPort))
            throw new ConfigurationException($"JARVICE_REGISTRY_PROXY_PORT: '{proxyPort}' is not a port (1-65535)");
        var proxyRepos = CommaList(Get("JARVICE_REGISTRY_PROXY_REPOS"));
        if (proxyPort is not null && proxyRepos.Count == 0)
            throw new ConfigurationException("JARVICE_REGISTRY_PROXY_REPOS: required when JARVICE_REGISTRY_PROXY_PORT is set (comma list of repository prefixes)");

        var overlay = Get("JARVICE_SINGULARITY_OVERLAY_SIZE");
        var overlayMb = 600;
        if (overlay is not null && !int.TryParse(overlay, NumberStyles.None, CultureInfo.InvariantCulture, out overlayMb))
            throw new ConfigurationException($"JARVICE_SINGULARITY_OVERLAY_SIZE: '{overlay}' is not a whole number of MB (0 or more)");

        return new SingularitySettings
        {
            Executor = Get("JARVICE_BAREMETAL_EXECUTOR") ?? "singularity",
            SystemRegistry = Required("JARVICE_SYSTEM_REGISTRY"),
            SystemRepoBase = Required("JARVICE_SYSTEM_REPO_BASE"),
            ImagesTag = Get("JARVICE_IMAGES_TAG") ?? "latest",
            HostArch = hostArch ?? CurrentHostArch(),
            LocalRegistry = localRegistry,
            LocalRepoBase = localRepoBase,
            RegistryProxyPort = proxyPort,
            RegistryProxyRepos = proxyRepos,
            InitRegistryUsername = Base64(Get("JARVICE_DOCKER_USERNAME"), "JARVICE_DOCKER_USERNAME"),
            InitRegistryPassword = Base64(Get("JARVICE_DOCKER_PASSWORD"), "JARVICE_DOCKER_PASSWORD"),
            HttpProxy = Get("JARVICE_BAREMETAL_HTTP_PROXY") ?? "",
            HttpsProxy = Get("JARVICE_BAREMETAL_HTTPS_PROXY") ?? "",
            NoProxy = Get("JARVICE_BAREMETAL_NO_PROXY") ?? "",
            ScratchDir = Directory(Get("JARVICE_JOB_SCRATCH_DIR")),
            GlobalScratchDir = Directory(Get("JARVICE_JOB_GLOBAL_SCRATCH_DIR")),
            GlobalRegistries = CommaList(Get("JARVICE_JOB_GLOBAL_REGISTRIES")),
            SingularityVerbose = Get("JARVICE_SINGULARITY_VERBOSE") ?? "false",
            SingularityTmpdir = Get("JARVICE_SINGULARITY_TMPDIR") ?? "/tmp",
            OverlaySizeMb = overlayMb,
        };
    }

    /// <summary>The uname machine name (<c>x86_64</c>, <c>aarch64</c>), which is what the original compares.</summary>
    public static string CurrentHostArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.Arm64 => "aarch64",
        Architecture.X86 => "i686",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static bool IsPort(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;

    /// <summary>As <c>os.path.join(x, '')</c>: a non-empty directory ends in exactly one added <c>/</c>.</summary>
    private static string Directory(string? value) => value is null ? "" : value.EndsWith('/') ? value : value + "/";

    private static List<string> CommaList(string? value) =>
        value is null ? [] : [.. value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0)];

    /// <summary>The original's registry credentials are base64 in the environment; they are decoded once here.</summary>
    private static string Base64(string? value, string name)
    {
        if (value is null) return "";
        try
        {
            return new UTF8Encoding(false, true).GetString(Convert.FromBase64String(value));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new ConfigurationException($"{name}: not valid base64 text (the original expects base64, e.g. X2pzb25fa2V5 for _json_key)");
        }
    }
}

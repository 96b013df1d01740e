using Dssr.Engine.Remote;
using System.Text;

namespace Dssr.Engine.Executors;

/// <summary>
/// The text that replaces <c>{DOWNSTREAM_PARAMETERS}</c> (§4.8.5): the original's 21 assignments in its
/// order. Every value from the configuration, the images and the credentials is quoted for the shell;
/// <c>JARVICE_CMD</c> is the upstream's own shell text and is re-exported exactly as written.
/// </summary>
public static class ConnectionBlock
{
    public const string Placeholder = "DOWNSTREAM_PARAMETERS";
    public const string Redacted = "<redacted>";
    private static readonly string Rule = "#" + new string('-', 75);

    public sealed record Values(
        SingularitySettings Settings,
        ImageReferences Images,
        RegistryCredentials InitCredentials,
        RegistryCredentials AppCredentials,
        int OverlaySizeMb,
        string? Cmd,
        bool ServicePortFromWrapper = false);

    /// <param name="redactCredentials">Write <c>&lt;redacted&gt;</c> in place of the four credentials (for fscript).</param>
    public static string Build(Values v, bool redactCredentials)
    {
        var s = v.Settings;
        string Q(string value) => ShellQuoting.Quote(value);
        string Secret(string value) => Q(redactCredentials ? Redacted : Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));

        var lines = new List<string>
        {
            Rule,
            "# Downstream parameters, written by Dssr",
            Rule,
            $"export JARVICE_JOB_SCRATCH_DIR={Q(s.ScratchDir)}",
            $"export JARVICE_JOB_GLOBAL_SCRATCH_DIR={Q(s.GlobalScratchDir)}",
            $"export JARVICE_JOB_APP_IS_IN_GLOBAL_REGISTRIES=\"{(v.Images.AppIsInGlobalRegistries ? "True" : "False")}\"",
            // An interactive job's wrapper has picked a free port already; the original's fixed one otherwise.
            v.ServicePortFromWrapper
                ? "export SINGULARITYENV_JARVICE_SERVICE_PORT=\"${SINGULARITYENV_JARVICE_SERVICE_PORT:-2228}\""
                : "export SINGULARITYENV_JARVICE_SERVICE_PORT=2228",
            "export SINGULARITYENV_JARVICE_SSH_PORT=2227",
            $"export JARVICE_SINGULARITY_TMPDIR={Q(s.SingularityTmpdir)}",
            "export JOB_LOCAL_USER=\"$USER\"",
            $"export JARVICE_SINGULARITY_OVERLAY_SIZE={v.OverlaySizeMb}",
            $"export JARVICE_INIT_DOCKER_USERNAME={Secret(v.InitCredentials.Username)}",
            $"export JARVICE_INIT_DOCKER_PASSWORD={Secret(v.InitCredentials.Password)}",
            $"export JARVICE_DOCKER_USERNAME={Secret(v.AppCredentials.Username)}",
            $"export JARVICE_DOCKER_PASSWORD={Secret(v.AppCredentials.Password)}",
            $"export JARVICE_APP_IMAGE={Q(v.Images.AppImage)}",
            $"export JARVICE_INIT_IMAGE={Q(v.Images.InitImage)}",
            // The upstream's own shell text; a missing line exports nothing rather than the original's literal None.
            $"export JARVICE_CMD={v.Cmd ?? ""}",
            "export SV_FLAG=\"-s\"",
            $"export SV={Q(s.SingularityVerbose)}",
            "if [ \"$SV\" = \"true\" ]; then export SV_FLAG=\"-v\"; fi",
            $"export SCHTTP_PROXY={Q(s.HttpProxy)}",
            $"export SCHTTPS_PROXY={Q(s.HttpsProxy)}",
            $"export SCNO_PROXY={Q(s.NoProxy)}",
        };
        return string.Join('\n', lines);
    }
}

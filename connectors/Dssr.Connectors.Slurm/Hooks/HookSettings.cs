using System.Globalization;
using Dssr.Engine.Configuration;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// Where a cluster's hooks are declared: <c>DSSR_HOOKS_DIR</c> (dssr.yaml <c>hooks.dir</c>), whose <c>pre-submit/</c> and
/// <c>post-exit/</c> folders hold <c>.csx</c> files run in name order (a name ending <c>.optional.csx</c> is optional), or lists
/// of files (<c>hooks.pre_submit</c>, <c>hooks.post_exit</c>, relative to the folder), <c>hooks.optional</c> (file names whose failure is only logged),
/// <c>hooks.timeout</c> (seconds per hook) and <c>hooks.remote</c> (a command on the login node).
/// </summary>
public static class HookSettings
{
    public const string Dir = "DSSR_HOOKS_DIR";
    public const string PreSubmitFiles = "DSSR_HOOKS_PRE_SUBMIT";
    public const string PostExitFiles = "DSSR_HOOKS_POST_EXIT";
    public const string OptionalFiles = "DSSR_HOOKS_OPTIONAL";
    public const string TimeoutSeconds = "DSSR_HOOKS_TIMEOUT";
    public const string RemoteCommand = "DSSR_HOOKS_REMOTE";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    public static readonly IReadOnlyList<Setting> All =
    [
        new(Dir, "unset (no hooks)", "a folder with pre-submit/ and post-exit/ .csx hooks, run in name order (*.optional.csx: failure only logged)", Yaml: "hooks.dir"),
        new(PreSubmitFiles, "unset", "comma list of pre-submit .csx hooks, in order (relative to the hooks folder)", Yaml: "hooks.pre_submit"),
        new(PostExitFiles, "unset", "comma list of post-exit .csx hooks, run once per job after its exit status is asked (failure only logged)", Yaml: "hooks.post_exit"),
        new(OptionalFiles, "unset", "comma list of hook file names whose failure is logged and the submit goes on", Yaml: "hooks.optional"),
        new(TimeoutSeconds, "5", "seconds one hook may run (0.1 to 300)", Yaml: "hooks.timeout"),
        new(RemoteCommand, "unset", "a pre-submit command on the login node, words split on blanks: reads the submission as JSON on stdin, prints it back", Yaml: "hooks.remote"),
    ];

    public static IReadOnlyList<HookDeclaration> Read(IReadOnlyDictionary<string, string> settings)
    {
        var timeout = Timeout(Get(settings, TimeoutSeconds));
        var optional = Words(Get(settings, OptionalFiles)).ToHashSet(StringComparer.Ordinal);
        var dir = Get(settings, Dir);
        if (dir is not null && !Directory.Exists(dir))
            throw new ConfigurationException($"{Dir}: no folder at {dir}");
        var hooks = new List<HookDeclaration>();
        foreach (var (stage, listKey) in new[] { (HookDeclaration.PreSubmit, PreSubmitFiles), (HookDeclaration.PostExit, PostExitFiles) })
        {
            var listed = Words(Get(settings, listKey)).ToList();
            IEnumerable<string> files;
            if (listed.Count > 0)
            {
                files = listed.Select(f => Path.GetFullPath(Path.IsPathRooted(f) || dir is null ? f : Path.Combine(dir, f)));
                foreach (var f in files.Where(f => !File.Exists(f)))
                    throw new ConfigurationException($"{listKey}: no hook file at {f}");
            }
            else
            {
                var folder = dir is null ? null : Path.Combine(dir, stage);
                files = folder is not null && Directory.Exists(folder)
                    ? Directory.GetFiles(folder, "*.csx").Select(Path.GetFullPath).Order(StringComparer.Ordinal)
                    : [];
            }
            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                hooks.Add(new HookDeclaration(stage, file, optional.Contains(name) || name.EndsWith(".optional.csx", StringComparison.Ordinal), timeout));
            }
        }
        return hooks;
    }

    /// <summary>The remote pre-submit hook, run after the .csx ones; null when none is declared.</summary>
    public static RemoteHook? Remote(IReadOnlyDictionary<string, string> settings) =>
        Get(settings, RemoteCommand) is { } line
            ? new RemoteHook(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), Timeout(Get(settings, TimeoutSeconds)))
            : null;

    private static TimeSpan Timeout(string? text)
    {
        if (text is null) return DefaultTimeout;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) || s < 0.1 || s > 300)
            throw new ConfigurationException($"{TimeoutSeconds} must be seconds from 0.1 to 300, not {text}");
        return TimeSpan.FromSeconds(s);
    }

    private static IEnumerable<string> Words(string? text) =>
        text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static string? Get(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

using System.CommandLine;
using System.Text;
using System.Text.Json;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Connectors.Slurm.Hooks;
using Dssr.Connectors.Slurm.Rendering;
using Dssr.Connectors.Slurm.Submit;
using Dssr.Scripting.Hooks;
using Microsoft.Extensions.Logging.Abstractions;
using Dssr.Engine.Executors;
using Dssr.Tui.Composition;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr render</c>: shows the sbatch command and the job script a submit would produce, without
/// submitting anything. The script shown is the redacted one (fscript) unless --show-secrets is given,
/// because this output ends up in terminals, tickets and CI logs.
/// </summary>
internal static class RenderCommand
{
    /// <summary>Shown in place of the two required system-image variables when they are unset, so a sample renders anywhere.</summary>
    private static readonly string[] PlaceholderVariables = ["JARVICE_SYSTEM_REGISTRY", "JARVICE_SYSTEM_REPO_BASE"];

    public static Command Build()
    {
        var hpcScript = new Option<string>("--hpc-script")
        {
            Description = "The upstream job script for the configured executor: a file, or - for stdin; plain text or base64",
            HelpName = "FILE|-",
            Required = true,
        };
        var name = new Option<string>("--name")
        {
            Description = "The upstream job name",
            DefaultValueFactory = _ => "20250101000000-RENDR-sample-user_s1",
        };
        var number = new Option<long>("--number") { Description = "The upstream job number", DefaultValueFactory = _ => 1 };
        var nodes = new Option<int>("--nodes") { Description = "The number of nodes", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (sbatch, script, notes) for programs" };
        var showSecrets = new Option<bool>("--show-secrets") { Description = "Print the script exactly as sent, registry credentials included" };
        var plan = new Option<bool>("--plan")
        {
            Description = "Print the submit's named steps instead (decode, map-user, resources, pre-submit hooks, render, stage, sbatch, journal): " +
                "each step's result and what it changed, the hooks that fire (DSSR_HOOKS_DIR), the final sbatch argv and the redacted script. Nothing is submitted.",
        };
        var user = new Option<string?>("--user") { Description = "The Unix account the plan maps the job to [default: JARVICE_SLURM_SSH_USER]", HelpName = "USER" };

        var command = new Command("render",
            "Print the sbatch arguments and the job script Dssr would submit for an upstream hpc_script, without submitting. " +
            "Settings come from the environment (the JARVICE_* variables).")
        {
            hpcScript, name, number, nodes, json, showSecrets, plan, user,
        };
        command.SetAction(parse => Run(
            parse.GetValue(hpcScript)!, parse.GetValue(name)!, parse.GetValue(number), parse.GetValue(nodes),
            parse.GetValue(json), parse.GetValue(showSecrets), Console.In, Console.Out, Console.Error,
            ProcessEnvironment.Read(), parse.GetValue(plan), parse.GetValue(user)));
        return command;
    }

    public static int Run(string hpcScriptPath, string name, long number, int nodes, bool json, bool showSecrets,
        TextReader stdin, TextWriter stdout, TextWriter stderr, IReadOnlyDictionary<string, string> environment, bool plan = false, string? user = null)
    {
        try
        {
            var env = environment.ToDictionary(StringComparer.Ordinal);
            foreach (var variable in PlaceholderVariables.Where(v => !env.TryGetValue(v, out var value) || value.Length == 0))
            {
                stderr.WriteLine($"dssr render: {variable} is not set; <{variable}> is shown in its place");
                env[variable] = $"<{variable}>";
            }
            var settings = SingularitySettingsReader.Read(env);
            var text = hpcScriptPath == "-" ? stdin.ReadToEnd() : File.ReadAllText(hpcScriptPath);
            var request = new SubmitRequest(name, number, nodes,
                new Dictionary<string, string> { [settings.Executor] = AsBase64(text) }, Bearer: "");
            if (plan) return Plan(request, settings, env, user, json, stdout);
            var job = JobRenderer.Render(request, settings);
            var script = showSecrets ? job.Script : job.Fscript;
            foreach (var note in job.Notes) stderr.WriteLine($"dssr render: {note}");
            if (json)
            {
                stdout.WriteLine(JsonSerializer.Serialize(new { sbatch = job.SbatchArguments, script, notes = job.Notes }));
            }
            else
            {
                stdout.WriteLine($"# {job.SbatchCommandLine}");
                stdout.Write(script);
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidInputException or ConfigurationException or IOException or UnauthorizedAccessException or HookFailedException)
        {
            stderr.WriteLine($"dssr render: {e.Message}");
            return 2;
        }
    }

    /// <summary>The plan: exit 0 when every step would succeed, 1 when one fails (a hook refuses the job, the script is bad).</summary>
    private static int Plan(SubmitRequest request, SingularitySettings settings, IReadOnlyDictionary<string, string> env, string? user, bool json, TextWriter stdout)
    {
        var cacheDirectory = env.TryGetValue("DSSR_SCRIPT_CACHE", out var cache) && cache.Length > 0 ? cache : null;
        var hooks = new PreSubmitHooks(HookSettings.Read(env), new ScriptHookCompiler(), cacheDirectory, NullLogger.Instance, HookSettings.Remote(env));
        user ??= env.TryGetValue("JARVICE_SLURM_SSH_USER", out var u) && u.Length > 0 ? u : "<user>";
        var result = SubmitPlanner.PlanAsync(request, settings, hooks, user, ClusterEntries.DefaultName, CancellationToken.None).GetAwaiter().GetResult();
        if (json)
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                ok = result.Ok,
                steps = result.Steps.Select(s => new { step = s.Step, result = s.Result, ok = s.Ok, diff = s.Diff }),
                hooks = result.Hooks.Select(h => new { stage = h.Stage, path = h.Path, optional = h.Optional }),
                sbatch = result.SbatchArgv,
                script = result.Script,
                notes = result.Notes,
            }));
        else stdout.Write(result.Text());
        return result.Ok ? 0 : 1;
    }

    /// <summary>The file may hold the decoded script or the base64 the upstream sends; both become base64.</summary>
    private static string AsBase64(string text)
    {
        var compact = text.Trim();
        if (compact.Length > 0 && !compact.Contains('\n') && compact.Length % 4 == 0)
        {
            try
            {
                var bytes = Convert.FromBase64String(compact);
                new UTF8Encoding(false, true).GetString(bytes);
                return compact;
            }
            catch (Exception e) when (e is FormatException or DecoderFallbackException)
            {
                // Not base64: it is the script itself.
            }
        }
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
    }
}

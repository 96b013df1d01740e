using System.CommandLine;
using System.Diagnostics;
using Dssr.Connectors.Slurm.Hooks;
using Dssr.Engine.Configuration;
using Dssr.Scripting.Hooks;
using Dssr.Tui.Composition;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr hooks check</c>: compiles every hook each configured cluster declares (dssr.yaml <c>hooks:</c>, DSSR_HOOKS_DIR) and
/// prints one line per hook, with the compiler's file:line errors under a hook that does not compile. Exit 0 when every
/// hook compiles, 1 when one does not, 2 when the configuration is wrong.
/// </summary>
internal static class HooksCommand
{
    public static Command Build()
    {
        var check = new Command("check", "Compile every declared hook of every cluster and report errors with file and line; exit 0 only when all compile.");
        check.SetAction(_ => Check(ProcessEnvironment.Read(), Console.Out, Console.Error));
        return new Command("hooks", "Site hooks (.csx files run before each Slurm submit and after each job ends).") { check };
    }

    public static int Check(IReadOnlyDictionary<string, string> env, TextWriter output, TextWriter errors)
    {
        IReadOnlyList<(string Cluster, IReadOnlyList<HookDeclaration> Hooks)> clusters;
        try
        {
            var (_, options) = ServiceComposition.Configure(env, new CommandLineOverrides());
            clusters = options.Clusters.Select(c => (c.Name, HookSettings.Read(c.Settings))).ToList();
        }
        catch (Exception e) when (e is StartupException or ConfigurationException)
        {
            errors.WriteLine($"dssr hooks check: {e.Message}");
            return 2;
        }
        var cache = env.TryGetValue("DSSR_SCRIPT_CACHE", out var dir) && dir.Length > 0 ? dir : null;
        var compiler = new ScriptHookCompiler();
        var failed = 0;
        var total = 0;
        foreach (var (cluster, hooks) in clusters)
            foreach (var hook in hooks)
            {
                total++;
                var clock = Stopwatch.StartNew();
                try
                {
                    compiler.Compile(hook.Path, hook.GlobalsType, cache);
                    output.WriteLine($"ok     {cluster} {hook.Stage} {hook.Path}{(hook.Optional ? " (optional)" : "")}  {clock.ElapsedMilliseconds} ms");
                }
                catch (HookCompileException e)
                {
                    failed++;
                    output.WriteLine($"error  {cluster} {hook.Stage} {hook.Path}{(hook.Optional ? " (optional)" : "")}");
                    foreach (var line in e.Errors) output.WriteLine("       " + line);
                }
            }
        output.WriteLine(total == 0 ? "no hooks declared" : $"{total - failed} of {total} hooks compile");
        return failed == 0 ? 0 : 1;
    }
}

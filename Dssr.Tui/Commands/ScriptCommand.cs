using System.CommandLine;
using Dssr.Engine.Configuration;
using Dssr.Engine.Hosting;
using Dssr.Engine.Logging;
using Dssr.Scripting.Globals;
using Dssr.Scripting.Running;
using Dssr.Tui.Composition;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr script FILE.csx [args…]</c>: runs a C# script with the same globals as the REPL, over a
/// service built in this process (the HTTP server only with <c>--serve</c>). Exit code: the script's
/// <c>int</c> return value; 1 when it throws; 2 when it cannot start (no file, compile errors, configuration).
/// </summary>
internal static class ScriptCommand
{
    public static Command Build()
    {
        var file = new Argument<string>("file") { Description = "The .csx file to run" };
        var args = new Argument<string[]>("args")
        {
            Description = "Arguments for the script (Args in the script); put -- before any that start with a dash",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var serve = new Option<bool>("--serve") { Description = "Also serve the legacy API while the script runs" };
        var listen = new Option<string?>("--listen") { Description = "Address for --serve [default: as dssr --serve]", HelpName = "URL" };
        var state = new Option<string?>("--state") { Description = "State folder [default: DSSR_STATE_DIR, else ~/.local/state/dssr]", HelpName = "DIR" };
        var logLevel = new Option<string?>("--log-level") { Description = "Service log level on stderr [default: WARNING]", HelpName = "LEVEL" };

        var command = new Command("script", "Run a C# script (.csx) with the service's objects at hand; see the README's Scripting section")
        {
            file, args, serve, listen, state, logLevel,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(file)!, parse.GetValue(args) ?? [], parse.GetValue(serve),
            new CommandLineOverrides(parse.GetValue(listen), parse.GetValue(state), parse.GetValue(logLevel)), ct));
        return command;
    }

    public static async Task<int> RunAsync(string file, string[] args, bool serve, CommandLineOverrides cli, CancellationToken ct)
    {
        var env = ProcessEnvironment.Read();
        DssrConfiguration config;
        ServiceOptions options;
        try
        {
            (config, options) = ServiceComposition.Configure(env, cli);
        }
        catch (StartupException e)
        {
            return await Fail(2, e.Message);
        }

        // Compiled before the service is built, so a typo is reported at once.
        CompiledScript compiled;
        try
        {
            compiled = new ScriptCompiler(ScriptCompiler.CacheDirectory(env, options.StateDirectory)).Compile(file, typeof(ScriptGlobals));
        }
        catch (FileNotFoundException e)
        {
            return await Fail(2, e.Message);
        }
        catch (ScriptCompileException e)
        {
            return await Fail(2, e.Message);
        }

        // The script's output is on stdout; the service says only what is wrong unless asked for more.
        var level = cli.LogLevel is null && !env.ContainsKey("JARVICE_SCHED_LOGLEVEL") ? LogEventLevel.Warning : options.LogLevel;
        using var serilog = ServiceLogging.ToStderr(level);
        ServiceHost host;
        try
        {
            host = ServiceComposition.Build(config, options, serilog);
        }
        catch (StartupException e)
        {
            return await Fail(2, e.Message);
        }

        await using (host)
        {
            if (serve)
            {
                try
                {
                    await host.StartAsync(ct);
                }
                catch (PortBusyException e)
                {
                    return await Fail(2, e.Message);
                }
                await host.Initialization;
            }
            else
            {
                await InitializeAsync(host, host.Logs.CreateLogger("dssr"), ct);
            }

            await using var globals = new ScriptGlobals(host, args, Console.Out);
            var outcome = await ScriptRunner.RunAsync(compiled, globals, ct);
            if (serve) await host.StopAsync();
            return outcome.Error is null ? outcome.ExitCode : await Fail(outcome.ExitCode, outcome.Error);
        }
    }

    /// <summary>As the service does: a cluster that cannot initialise is logged, and the script still runs (it may be there to find out why).</summary>
    private static async Task InitializeAsync(ServiceHost host, ILogger log, CancellationToken ct)
    {
        foreach (var cluster in host.Clusters.All)
        {
            try
            {
                await cluster.InitializeAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("Cluster {Cluster} could not initialise: {Error}", cluster.Name, e.Message);
            }
        }
    }

    private static async Task<int> Fail(int code, string message)
    {
        await Console.Error.WriteLineAsync($"dssr script: {message}");
        return code;
    }
}

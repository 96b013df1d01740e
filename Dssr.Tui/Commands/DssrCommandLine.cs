using System.CommandLine;

namespace Dssr.Tui.Commands;

/// <summary>The <c>dssr</c> command line: options, their help text, and which command runs.</summary>
public static class DssrCommandLine
{
    public static RootCommand Build()
    {
        var serve = new Option<bool>("--serve")
        {
            Description = "Serve the legacy API headless (no console), logging to stderr. Without it, dssr opens the console and serves in the background.",
        };
        var readOnly = new Option<bool>("--read-only")
        {
            Description = "Console only: hide every action that changes a job (submit, terminate, release).",
        };
        var listen = new Option<string?>("--listen")
        {
            Description = "Address to listen on, such as http://127.0.0.1:5000 [default: WAITRESS_BIND_ADDRESS:WAITRESS_PORT, else 127.0.0.1:5000]",
            HelpName = "URL",
        };
        var state = new Option<string?>("--state")
        {
            Description = "Folder for the job journal and other state [default: DSSR_STATE_DIR, else ~/.local/state/dssr]",
            HelpName = "DIR",
        };
        var logLevel = new Option<string?>("--log-level")
        {
            Description = "DEBUG, INFO, WARNING, ERROR, CRITICAL or 10-50 [default: JARVICE_SCHED_LOGLEVEL, else INFO]",
            HelpName = "LEVEL",
        };

        var config = new Option<string?>("--config")
        {
            Description = "A dssr.yaml of settings (the environment variables' names as keys) [default: DSSR_CONFIG, else ./dssr.yaml when present]",
            HelpName = "FILE",
        };

        var root = new RootCommand(
            "Dssr: the downstream scheduler for the Jarvice control plane. It answers the Jarvice legacy HTTP API " +
            "and runs jobs on Slurm clusters reached over SSH, or on the embedded dummy cluster when nothing is configured. " +
            "Configuration comes from the original DSSR's environment variables and an optional dssr.yaml (see the README; dssr config shows it).")
        {
            serve, readOnly, listen, state, logLevel, config,
            RenderCommand.Build(),
            ScriptCommand.Build(),
        };
        root.Subcommands.Add(DiagCommand.Build());
        root.Subcommands.Add(ConfigCommand.Build());
        root.SetAction((parse, ct) =>
        {
            var overrides = new Engine.Configuration.CommandLineOverrides(parse.GetValue(listen), parse.GetValue(state), parse.GetValue(logLevel), parse.GetValue(config));
            return parse.GetValue(serve)
                ? ServeCommand.RunAsync(overrides, ct)
                : Terminal.OperatorConsole.RunAsync(overrides, parse.GetValue(readOnly), ct);
        });
        return root;
    }
}

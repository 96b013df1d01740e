using System.CommandLine;

namespace Dssr.Tui.Commands;

/// <summary>The <c>dssr</c> command line: options, their help text, and which command runs.</summary>
internal static class DssrCommandLine
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
        var jobsListen = new Option<string?>("--jobs-listen")
        {
            Description = "Address of the interactive job proxy's own listener, such as http://127.0.0.1:5080 [default: DSSR_JOBS_LISTEN, else the API's listener]",
        };
        var metricsListen = new Option<string?>("--metrics-listen")
        {
            Description = "Address of a listener of its own for /metrics, such as http://127.0.0.1:9090 [default: DSSR_METRICS_LISTEN, else /metrics on the API's listener]",
            HelpName = "URL",
        };
        var record = new Option<string?>("--record")
        {
            Description = "Append every upstream request and answer to FILE as JSON lines, secrets masked (for dssr replay) [default: DSSR_RECORD, else not recorded]",
            HelpName = "FILE",
        };
        var theme = new Option<string?>("--theme")
        {
            Description = "Console only: default, high-contrast or monochrome (NO_COLOR set means monochrome).",
            HelpName = "THEME",
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
            serve, readOnly, theme, listen, jobsListen, metricsListen, record, state, logLevel, config,
            RenderCommand.Build(),
            ScriptCommand.Build(),
        };
        root.Subcommands.Add(DiagCommand.Build());
        root.Subcommands.Add(ConfigCommand.Build());
        root.Subcommands.Add(JournalCommand.Build());
        root.Subcommands.Add(HooksCommand.Build());
        root.Subcommands.Add(ReplayCommand.Build());
        root.Subcommands.Add(ReconcileCommand.Build());
        root.SetAction((parse, ct) =>
        {
            var overrides = new Engine.Configuration.CommandLineOverrides(parse.GetValue(listen), parse.GetValue(state), parse.GetValue(logLevel), parse.GetValue(config),
                parse.GetValue(jobsListen), parse.GetValue(metricsListen), parse.GetValue(record));
            return parse.GetValue(serve)
                ? ServeCommand.RunAsync(overrides, ct)
                : Terminal.OperatorConsole.RunAsync(overrides, parse.GetValue(readOnly), parse.GetValue(theme), Console.Error, ct);
        });
        return root;
    }
}

using System.CommandLine;

namespace Dssr.Tui.Commands;

/// <summary>The <c>dssr</c> command line: options, their help text, and which command runs.</summary>
public static class DssrCommandLine
{
    public static RootCommand Build()
    {
        var serve = new Option<bool>("--serve")
        {
            Description = "Serve the legacy API headless (no console), logging to stderr. Also what dssr does with no command.",
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

        var root = new RootCommand(
            "Dssr: the downstream scheduler for the Jarvice control plane. It answers the Jarvice legacy HTTP API " +
            "and runs jobs on Slurm clusters reached over SSH, or on the embedded dummy cluster when nothing is configured. " +
            "Configuration comes from the original DSSR's environment variables (see the README).")
        {
            serve, listen, state, logLevel,
            ScriptCommand.Build(),
        };
        root.SetAction((parse, ct) => ServeCommand.RunAsync(
            new Engine.Configuration.CommandLineOverrides(parse.GetValue(listen), parse.GetValue(state), parse.GetValue(logLevel)),
            ct));
        return root;
    }
}

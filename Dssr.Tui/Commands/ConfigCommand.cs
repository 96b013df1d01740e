using System.CommandLine;
using Dssr.Engine.Configuration;
using Dssr.Tui.Composition;
using Serilog.Core;

namespace Dssr.Tui.Commands;

/// <summary>
/// <c>dssr config</c>: every setting of the service and of its connector, with its effective value and where it
/// came from (env, yaml, default, command line), secrets masked. The configuration is checked as a start checks
/// it: a bad value is one line on stderr and exit code 2.
/// </summary>
internal static class ConfigCommand
{
    public static Command Build()
    {
        var file = new Option<string?>("--config") { Description = "A dssr.yaml to read [default: DSSR_CONFIG, else ./dssr.yaml when present]", HelpName = "FILE" };
        var command = new Command("config", "Show each setting's effective value and its source (env, yaml, default, command line); secrets are masked")
        {
            file,
        };
        command.SetAction(parse => Run(ProcessEnvironment.Read(), new CommandLineOverrides(ConfigFile: parse.GetValue(file)), Console.Out, Console.Error));
        return command;
    }

    public static int Run(IReadOnlyDictionary<string, string> env, CommandLineOverrides cli, TextWriter output, TextWriter errors)
    {
        try
        {
            var (config, options) = ServiceComposition.Configure(env, cli);
            // Built and dropped: the connector reads and checks its own section as it would at start.
            ServiceComposition.Build(config, options, Logger.None).DisposeAsync().AsTask().GetAwaiter().GetResult();
            ConfigurationReport.Write(output, config, ServiceComposition.KnownSettings(options.ConnectorName));
            ConfigurationReport.WriteClusters(output, options.Clusters, ConnectorCatalog.Registry().SettingsOf);
            return 0;
        }
        catch (StartupException e)
        {
            errors.WriteLine($"dssr config: {e.Message}");
            return 2;
        }
    }
}

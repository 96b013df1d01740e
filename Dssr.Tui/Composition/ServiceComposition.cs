using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;

namespace Dssr.Tui.Composition;

/// <summary>
/// The composition root every entry point uses (--serve, the console, dssr script, dssr diag, dssr config): the
/// configuration read once, the options checked, the service built from the one connector catalogue.
/// </summary>
internal static class ServiceComposition
{
    /// <summary>The configuration and the service's options; a bad setting is a <see cref="StartupException"/> with its one line.</summary>
    public static (DssrConfiguration Config, ServiceOptions Options) Configure(IReadOnlyDictionary<string, string> env, CommandLineOverrides cli)
    {
        DssrConfiguration? config = null;
        try
        {
            config = DssrConfiguration.Build(env, cli);
            var options = ServiceOptionsReader.Read(config, ConnectorCatalog.Registry().SettingsOf, KnownSettings(null));
            config.CheckYamlKeys(KnownSettings(null));
            return (config, options);
        }
        catch (ConfigurationException e)
        {
            throw new StartupException(ConfigurationErrors.OneLine(e, config, KnownSettings(null)));
        }
    }

    /// <summary>
    /// Builds the service (not started), logging through the entry point's Serilog logger (<c>Logger.None</c> for none);
    /// the connector checks its own section here.
    /// </summary>
    public static ServiceHost Build(DssrConfiguration config, ServiceOptions options, Serilog.ILogger log)
    {
        try
        {
            return ServiceHost.Create(options, ConnectorCatalog.Registry(), TimeProvider.System, log);
        }
        catch (ConfigurationException e)
        {
            throw new StartupException(ConfigurationErrors.OneLine(e, config, KnownSettings(options.ConnectorName)));
        }
    }

    /// <summary>The service's settings and those of the connector named (every connector's when none is).</summary>
    public static IReadOnlyList<Setting> KnownSettings(string? connector)
    {
        var registry = ConnectorCatalog.Registry();
        var own = connector is null ? registry.AllSettings : registry.SettingsOf(connector) ?? [];
        return [.. ServiceSettings.All, .. own.Where(s => ServiceSettings.All.All(x => x.Name != s.Name))];
    }
}

/// <summary>The service cannot start; <see cref="Exception.Message"/> is the one line to print, and the exit code is 2.</summary>
internal sealed class StartupException(string message) : Exception(message);

using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Observability;
using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Hosting;

/// <summary>One configured cluster's connector, with the shells and load meter it was given.</summary>
internal sealed record ConnectedCluster(ClusterOptions Options, IConnector Connector, ShellProvider Shells, LoadMeter Load);

/// <summary>
/// Each configured cluster's connector, made from its own settings. The service's first part: a connector that
/// refuses a setting is the first line said. The clusters made from them own them and dispose them.
/// </summary>
internal sealed class ClusterConnectors
{
    private ClusterConnectors(IReadOnlyList<ConnectedCluster> all) => All = all;

    public IReadOnlyList<ConnectedCluster> All { get; }

    public static ClusterConnectors Create(ServiceOptions options, ConnectorRegistry connectors, TimeProvider clock, ILoggerFactory logs, CommandLog commands)
    {
        var built = new List<ConnectedCluster>();
        try
        {
            foreach (var cluster in options.Clusters)
            {
                var shells = new ShellProvider(commands, logs.CreateLogger("dssr.remote"), cluster: cluster.Name);
                var state = cluster.IsDefault ? options.StateDirectory : Path.Combine(options.StateDirectory, "clusters", cluster.Name);
                var load = new LoadMeter(clock) { Budget = options.QueueBudgetPerMinute };
                var context = new ConnectorContext(cluster.Name, SectionOf(cluster, options, connectors), state, clock, logs) { Commands = commands, Shells = shells, Load = load };
                built.Add(new ConnectedCluster(cluster, CreateConnector(cluster, connectors, context), shells, load));
            }
        }
        catch
        {
            foreach (var made in built)
            {
                made.Connector.DisposeAsync().AsTask().GetAwaiter().GetResult();
                made.Shells.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            throw;
        }
        return new ClusterConnectors(built);
    }

    /// <summary>A cluster of dssr.yaml whose connector refuses a setting: the message names the file, line and key (or at least the cluster).</summary>
    private static IConnector CreateConnector(ClusterOptions cluster, ConnectorRegistry connectors, ConnectorContext context)
    {
        try
        {
            return connectors.Create(cluster.ConnectorName, context);
        }
        catch (ConfigurationException e)
        {
            var name = e.Variable ?? cluster.Places.Keys.FirstOrDefault(k => e.Message.StartsWith(k, StringComparison.Ordinal));
            if (name is not null && cluster.Places.TryGetValue(name, out var place))
                throw new ConfigurationException(e.Message.StartsWith(name, StringComparison.Ordinal) ? place + e.Message[name.Length..] : $"{place}: {e.Message}");
            if (cluster.IsDefault) throw;
            throw new ConfigurationException($"clusters[{cluster.Name}]: {e.Message}");
        }
    }

    /// <summary>
    /// A connector receives only its own settings. One served by a fallback (a script) declares none, so it gets
    /// every setting but the service's own (never the server key, the listen address or the state folder).
    /// </summary>
    private static IReadOnlyDictionary<string, string> SectionOf(ClusterOptions cluster, ServiceOptions options, ConnectorRegistry connectors)
    {
        var service = ServiceSettings.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var own = connectors.SettingsOf(cluster.ConnectorName)?.Select(s => s.Name)
            ?? cluster.Settings.Keys.Where(k => !service.Contains(k));
        var section = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in own)
            if (cluster.Settings.TryGetValue(key, out var value)) section[key] = value;
        return section;
    }
}

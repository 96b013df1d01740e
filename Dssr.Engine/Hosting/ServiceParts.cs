using Dssr.Engine.Api;
using Dssr.Engine.Clusters;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
using Dssr.Engine.Observability;
using Dssr.Engine.Remote;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Hosting;

/// <summary>
/// The service's parts, as singletons of the host's container (which disposes them, the last made first).
/// <see cref="ServiceHost.Create"/> resolves them at once, in <see cref="ResolveInStartOrder"/>.
/// </summary>
internal static class ServiceParts
{
    /// <summary>The service's clock is keyed: ASP.NET and YARP resolve an unkeyed TimeProvider, and keep the system's.</summary>
    public const string ClockKey = "dssr";

    public static IServiceCollection AddServiceParts(this IServiceCollection services, ServiceOptions options, ConnectorRegistry connectors, TimeProvider clock)
    {
        services.AddSingleton(options);
        services.AddSingleton(connectors);
        services.AddKeyedSingleton(ClockKey, clock);
        services.AddSingleton(_ => JournalSettingsReader.Read(options.ClusterSettings));
        services.AddSingleton(_ => new CommandLog());
        services.AddSingleton(s => ClusterConnectors.Create(options, connectors, clock, s.GetRequiredService<ILoggerFactory>(), s.GetRequiredService<CommandLog>()));
        services.AddSingleton(_ => new DssrMetrics());
        services.AddSingleton<IJobJournal>(s => new MeasuredJournal(
            JournalStart.Open(s.GetRequiredService<JournalSettings>(), options.StateDirectory, ServiceLog(s)), s.GetRequiredService<DssrMetrics>()));
        services.AddSingleton(_ => JournalStart.Self(options.ListenUrl, clock));
        services.AddSingleton(s => Clusters(s, options, clock));
        services.AddSingleton(_ => new RequestMeter(clock));
        services.AddSingleton(s => new RecordingSwitch(options.RecordFile, s.GetRequiredService<ILoggerFactory>().CreateLogger("dssr.recorder")));
        services.AddSingleton(s => Keeper(s, clock));
        return services;
    }

    /// <summary>
    /// Every part, in the order the service starts: the journal's settings, each cluster's connector (its settings
    /// checked before anything opens), the journal, the clusters, then what serves them. A bad setting throws here.
    /// </summary>
    public static void ResolveInStartOrder(IServiceProvider services)
    {
        services.GetRequiredService<JournalSettings>();
        services.GetRequiredService<ClusterConnectors>();
        services.GetRequiredService<IJobJournal>();
        services.GetRequiredService<ClusterRegistry>();
        services.GetRequiredService<RequestMeter>();
        services.GetRequiredService<RecordingSwitch>();
    }

    private static ILogger ServiceLog(IServiceProvider s) => s.GetRequiredService<ILoggerFactory>().CreateLogger("dssr");

    private static ClusterRegistry Clusters(IServiceProvider s, ServiceOptions options, TimeProvider clock)
    {
        var journal = s.GetRequiredService<IJobJournal>();
        var logs = s.GetRequiredService<ILoggerFactory>();
        var self = s.GetRequiredService<ReplicaInfo>();
        var commands = s.GetRequiredService<CommandLog>();
        var clusters = new ClusterRegistry(s.GetRequiredService<ClusterConnectors>().All.Select(b =>
            new Cluster(b.Options.Name, b.Options.ConnectorName, b.Connector, journal, options.QueueMaxAge, clock, logs, b.Shells, b.Load)
            {
                ReplicaId = self.Id,
                PreferredJobs = b.Options.PreferredJobs,
                Failover = b.Options.Failover,
                Options = b.Options,
            }));
        s.GetRequiredService<DssrMetrics>().Watch(clusters, commands);
        commands.Added += entry => { if (entry.Cluster is { } name && clusters.Find(name) is { } c) c.Load.Record(entry.Program, entry.At); };
        return clusters;
    }

    private static JournalKeeper Keeper(IServiceProvider s, TimeProvider clock)
    {
        var keeper = new JournalKeeper(s.GetRequiredService<IJobJournal>(), s.GetRequiredService<ReplicaInfo>(), ServiceLog(s));
        var sweep = new FinishedJobSweep(s.GetRequiredService<ClusterRegistry>(), s.GetRequiredService<JournalSettings>().FinishedJobRetention, clock,
            s.GetRequiredService<ILoggerFactory>().CreateLogger("dssr.sweep"));
        keeper.Add(sweep.AsWork(lease: keeper.Interval * 3));
        return keeper;
    }
}

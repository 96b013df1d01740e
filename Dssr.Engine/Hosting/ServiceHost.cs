using System.Net.Sockets;
using Dssr.Engine.Api;
using Dssr.Engine.Clusters;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
using Dssr.Engine.Observability;
using Dssr.Engine.Remote;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Hosting;

/// <summary>
/// The running service: the journal, the clusters and the legacy API, built from options and a
/// connector registry. <c>--serve</c>, the console and the tests all start it the same way.
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly ILogger _log;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _initialization;

    private ServiceHost(ServiceOptions options, IJobJournal journal, ClusterRegistry clusters, WebApplication app, ILogger log,
        RequestMeter meter, JournalKeeper keeper)
    {
        Keeper = keeper;
        Meter = meter;
        Options = options;
        Journal = journal;
        Clusters = clusters;
        _app = app;
        _log = log;
    }

    public ServiceOptions Options { get; }
    public IJobJournal Journal { get; }
    /// <summary>This replica's heartbeat and once-only work; <c>Keeper.Replicas</c> are the replicas seen in the last minute.</summary>
    public JournalKeeper Keeper { get; }
    public ClusterRegistry Clusters { get; }
    public RequestMeter Meter { get; }
    /// <summary>The remote commands the connectors ran, newest last (bounded, in memory).</summary>
    public CommandLog Commands { get; private init; } = new();
    public bool IsServing { get; private set; }
    /// <summary>The service's Prometheus metrics (what /metrics answers).</summary>
    public DssrMetrics Metrics { get; private init; } = new();
    /// <summary>The recorder of the upstream conversation: started by --record, or on and off from the console.</summary>
    public RecordingSwitch Recording { get; private init; } = new(null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>
    /// A handler that sends requests through this service's real pipeline (authentication, routing, validation,
    /// error mapping, meter) without a socket, so it works whether or not the HTTP server listens.
    /// </summary>
    public HttpMessageHandler InProcessHandler() =>
        new PipelineHandler(((IApplicationBuilder)_app).Build(), _app.Services);

    /// <summary>The address actually bound (a port 0 request becomes the real port).</summary>
    public string Address => !IsServing ? Options.ListenUrl : _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static ServiceHost Create(ServiceOptions options, ConnectorRegistry connectors, TimeProvider clock, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("dssr");
        var journalSettings = JournalSettingsReader.Read(options.ClusterSettings);
        var commands = new CommandLog();
        var built = new List<(ClusterOptions Options, IConnector Connector, ShellProvider Shells, LoadMeter Load)>();
        try
        {
            foreach (var cluster in options.Clusters)
            {
                var shells = new ShellProvider(commands, logs.CreateLogger("dssr.remote"), cluster: cluster.Name);
                var state = cluster.IsDefault ? options.StateDirectory : Path.Combine(options.StateDirectory, "clusters", cluster.Name);
                var load = new LoadMeter(clock) { Budget = options.QueueBudgetPerMinute };
                var context = new ConnectorContext(cluster.Name, SectionOf(cluster, options, connectors), state, clock, logs) { Commands = commands, Shells = shells, Load = load };
                built.Add((cluster, CreateConnector(cluster, connectors, context), shells, load));
            }
        }
        catch
        {
            foreach (var (_, connector, shells, _) in built)
            {
                connector.DisposeAsync().AsTask().GetAwaiter().GetResult();
                shells.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            throw;
        }
        // After the connectors: their settings are checked first, so a bad one is the first line said.
        var metrics = new DssrMetrics();
        IJobJournal journal = new MeasuredJournal(JournalStart.Open(journalSettings, options.StateDirectory, log), metrics);
        var self = JournalStart.Self(options.ListenUrl, clock);
        var clusters = new ClusterRegistry(built.Select(b =>
            new Cluster(b.Options.Name, b.Options.ConnectorName, b.Connector, journal, options.QueueMaxAge, clock, logs, b.Shells, b.Load)
            {
                ReplicaId = self.Id,
                PreferredJobs = b.Options.PreferredJobs,
                Failover = b.Options.Failover,
                Options = b.Options,
            }));
        ServiceHost? host = null;
        // Interactive jobs' URLs name the job proxy's listener, or the API's when it has none of its own.
        foreach (var cluster in clusters.All)
            cluster.Interactive?.UseListener(() => options.JobsListenUrl ?? host?.Address ?? options.ListenUrl);
        var meter = new RequestMeter(clock);
        metrics.Watch(clusters, commands);
        commands.Added += entry => { if (entry.Cluster is { } name && clusters.Find(name) is { } c) c.Load.Record(entry.Program, entry.At); };
        var recording = new RecordingSwitch(options.RecordFile, logs.CreateLogger("dssr.recorder"));
        var app = LegacyApiServer.Build(options, clusters, logs, meter, metrics, () => recording.Current);
        var keeper = new JournalKeeper(journal, self, log);
        var sweep = new FinishedJobSweep(clusters, journalSettings.FinishedJobRetention, clock, logs.CreateLogger("dssr.sweep"));
        keeper.Add(sweep.AsWork(lease: keeper.Interval * 3));
        host = new ServiceHost(options, journal, clusters, app, log, meter, keeper) { Commands = commands, Metrics = metrics, Recording = recording };
        return host;
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

    /// <summary>
    /// Starts the clusters' initialisation in the background (/ready says when it is done), then binds
    /// the port. A busy port throws <see cref="PortBusyException"/>; the clusters go on initialising,
    /// so the console can still show them.
    /// </summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        _initialization ??= InitializeClustersAsync();
        try
        {
            await _app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel names the address it could not bind: with several listeners (a cluster's own, the job proxy's,
            // /metrics') it is not always the API's.
            var busy = System.Text.RegularExpressions.Regex.Match(e.Message, @"bind to address (\S+?):? address already in use", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            throw new PortBusyException(busy.Success ? busy.Groups[1].Value : Options.ListenUrl);
        }
        IsServing = true;
        Keeper.Start(() => Address);
        _log.LogInformation("Serving on {Address}", Address);
        _log.LogInformation("Journal: {Kind} {Location}", Journal.Kind, Journal.Location);
    }

    /// <summary>Completes once every cluster has initialised (or failed to, which is logged).</summary>
    public Task Initialization => _initialization ?? Task.CompletedTask;

    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (IsServing) await _app.StopAsync().ConfigureAwait(false);
        IsServing = false;
    }

    private async Task InitializeClustersAsync()
    {
        foreach (var cluster in Clusters.All)
        {
            try
            {
                await cluster.InitializeAsync(_stopping.Token).ConfigureAwait(false);
                _log.LogInformation("Cluster {Cluster} ({Connector}) is ready", cluster.Name, cluster.ConnectorName);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogError("Cluster {Cluster} could not initialise: {Error}", cluster.Name, e.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Keeper.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Recording.DisposeAsync().ConfigureAwait(false);
        await Clusters.DisposeAsync().ConfigureAwait(false);
        Journal.Dispose();
        _stopping.Dispose();
    }
}

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
using Serilog;
using ILogger = Microsoft.Extensions.Logging.ILogger;

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

    private ServiceHost(WebApplication app)
    {
        var services = app.Services;
        _app = app;
        Logs = services.GetRequiredService<ILoggerFactory>();
        _log = Logs.CreateLogger("dssr");
        Options = services.GetRequiredService<ServiceOptions>();
        Journal = services.GetRequiredService<IJobJournal>();
        Clusters = services.GetRequiredService<ClusterRegistry>();
        Meter = services.GetRequiredService<RequestMeter>();
        Commands = services.GetRequiredService<CommandLog>();
        Metrics = services.GetRequiredService<DssrMetrics>();
        Recording = services.GetRequiredService<RecordingSwitch>();
        Keeper = services.GetRequiredService<JournalKeeper>();
    }

    public ServiceOptions Options { get; }
    /// <summary>The host's logger factory (Serilog's): what every part logs through.</summary>
    public ILoggerFactory Logs { get; }
    public IJobJournal Journal { get; }
    /// <summary>This replica's heartbeat and once-only work; <c>Keeper.Replicas</c> are the replicas seen in the last minute.</summary>
    public JournalKeeper Keeper { get; }
    public ClusterRegistry Clusters { get; }
    public RequestMeter Meter { get; }
    /// <summary>The remote commands the connectors ran, newest last (bounded, in memory).</summary>
    public CommandLog Commands { get; }
    public bool IsServing { get; private set; }
    /// <summary>The service's Prometheus metrics (what /metrics answers).</summary>
    public DssrMetrics Metrics { get; }
    /// <summary>The recorder of the upstream conversation: started by --record, or on and off from the console.</summary>
    public RecordingSwitch Recording { get; }

    /// <summary>
    /// A handler that sends requests through this service's real pipeline (authentication, routing, validation,
    /// error mapping, meter) without a socket, so it works whether or not the HTTP server listens.
    /// </summary>
    public HttpMessageHandler InProcessHandler() =>
        new PipelineHandler(((IApplicationBuilder)_app).Build(), _app.Services);

    /// <summary>The address actually bound (a port 0 request becomes the real port).</summary>
    public string Address => !IsServing ? Options.ListenUrl : _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>
    /// Builds the service (not started) on one web application builder: its parts are the container's singletons
    /// and it logs through <paramref name="log"/> (the entry point's; <c>Logger.None</c> for none), which it never disposes.
    /// A setting a part refuses throws <see cref="ConfigurationException"/> from here.
    /// </summary>
    public static ServiceHost Create(ServiceOptions options, ConnectorRegistry connectors, TimeProvider clock, Serilog.ILogger log)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Serilog is the only provider: the host's own lines pass through the entry point's logger and its "Microsoft" override.
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(log, dispose: false);
        builder.Services.AddServiceParts(options, connectors, clock);
        LegacyApiServer.Configure(builder, options);
        var app = builder.Build();
        try
        {
            ServiceParts.ResolveInStartOrder(app.Services);
            LegacyApiServer.Map(app);
            var host = new ServiceHost(app);
            // Interactive jobs' URLs name the job proxy's listener, or the API's when it has none of its own.
            foreach (var cluster in host.Clusters.All)
                cluster.Interactive?.UseListener(() => options.JobsListenUrl ?? host.Address);
            return host;
        }
        catch
        {
            // The parts the container made so far go with it (a connector that refused a setting disposed the ones made before it).
            app.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
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
        // The heartbeat and once-only work end before the server; the container then disposes the parts, the last made first
        // (the recorder, the clusters, the journal).
        await Keeper.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}

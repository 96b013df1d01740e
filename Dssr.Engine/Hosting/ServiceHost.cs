using System.Net.Sockets;
using Dssr.Engine.Api;
using Dssr.Engine.Clusters;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
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

    private ServiceHost(ServiceOptions options, JobJournal journal, ClusterRegistry clusters, WebApplication app, ILogger log,
        RequestMeter meter)
    {
        Meter = meter;
        Options = options;
        Journal = journal;
        Clusters = clusters;
        _app = app;
        _log = log;
    }

    public ServiceOptions Options { get; }
    public JobJournal Journal { get; }
    public ClusterRegistry Clusters { get; }
    public RequestMeter Meter { get; }
    /// <summary>The remote commands the connectors ran, newest last (bounded, in memory).</summary>
    public CommandLog Commands { get; private init; } = new();
    public bool IsServing { get; private set; }

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
        var journal = new JobJournal(options.StateDirectory);
        var commands = new CommandLog();
        var shells = new ShellProvider(commands, logs.CreateLogger("dssr.remote"));
        var context = new ConnectorContext("default", SectionOf(options, connectors), options.StateDirectory, clock, logs) { Commands = commands, Shells = shells };
        var connector = connectors.Create(options.ConnectorName, context);
        var cluster = new Cluster("default", options.ConnectorName, connector, journal, options.QueueMaxAge, clock, logs, shells);
        var clusters = new ClusterRegistry([cluster]);
        var meter = new RequestMeter(clock);
        var app = LegacyApiServer.Build(options, clusters, logs, meter);
        return new ServiceHost(options, journal, clusters, app, logs.CreateLogger("dssr"), meter) { Commands = commands };
    }

    /// <summary>
    /// A connector receives only its own settings. One served by a fallback (a script) declares none, so it gets
    /// every setting but the service's own (never the server key, the listen address or the state folder).
    /// </summary>
    private static IReadOnlyDictionary<string, string> SectionOf(ServiceOptions options, ConnectorRegistry connectors)
    {
        var service = ServiceSettings.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var own = connectors.SettingsOf(options.ConnectorName)?.Select(s => s.Name)
            ?? options.ClusterSettings.Keys.Where(k => !service.Contains(k));
        var section = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in own)
            if (options.ClusterSettings.TryGetValue(key, out var value)) section[key] = value;
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
            throw new PortBusyException(Options.ListenUrl);
        }
        IsServing = true;
        _log.LogInformation("Serving on {Address}", Address);
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
        await _app.DisposeAsync().ConfigureAwait(false);
        await Clusters.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}

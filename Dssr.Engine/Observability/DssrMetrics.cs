using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;
using Prometheus;

namespace Dssr.Engine.Observability;

/// <summary>
/// The service's Prometheus metrics, in a registry of its own (one per service, so several services in one
/// process never share counts): requests, remote commands, queue queries, jobs, SSH, journal, failovers, process.
/// Figures that other objects already keep (queue queries, failovers, snapshots, transports) are read at scrape time.
/// </summary>
public sealed class DssrMetrics
{
    private static readonly double[] LatencyBuckets = Histogram.ExponentialBuckets(0.0005, 2, 18); // 0.5 ms .. about 65 s

    private readonly Counter _requests;
    private readonly Histogram _requestSeconds;
    private readonly Counter _commands;
    private readonly Histogram _commandSeconds;
    private readonly Counter _journalOps;
    private readonly Histogram _journalSeconds;
    private readonly Gauge _queueQueries;
    private readonly Gauge _snapshotAge;
    private readonly Gauge _jobs;
    private readonly Gauge _sshOpen;
    private readonly Gauge _sshConnects;
    private readonly Gauge _sshReconnects;
    private readonly Gauge _forwards;
    private readonly Gauge _failovers;
    private ClusterRegistry? _clusters;

    public DssrMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry); // process RSS, CPU, threads, GC collections and heap
        var f = Metrics.WithCustomRegistry(Registry);
        _requests = f.CreateCounter("dssr_http_requests_total", "Legacy API requests answered, by route and status.", "route", "status");
        _requestSeconds = f.CreateHistogram("dssr_http_request_duration_seconds", "Time to answer a legacy API request, by route.",
            new HistogramConfiguration { LabelNames = ["route"], Buckets = LatencyBuckets });
        _commands = f.CreateCounter("dssr_remote_commands_total", "Remote commands run on a cluster, by command and outcome (ok, failed: non-zero exit, error: no exit).",
            "cluster", "command", "outcome");
        _commandSeconds = f.CreateHistogram("dssr_remote_command_duration_seconds", "Time a remote command took, by cluster and command.",
            new HistogramConfiguration { LabelNames = ["cluster", "command"], Buckets = LatencyBuckets });
        _journalOps = f.CreateCounter("dssr_journal_operations_total", "Job journal operations, by operation and outcome.", "operation", "outcome");
        _journalSeconds = f.CreateHistogram("dssr_journal_operation_duration_seconds", "Time a job journal operation took.",
            new HistogramConfiguration { LabelNames = ["operation"], Buckets = LatencyBuckets });
        // Counts kept elsewhere are exported as gauges set at scrape time; the _total ones only ever grow.
        _queueQueries = f.CreateGauge("dssr_queue_queries_total", "Queue queries sent to a cluster since start (one queue listing command each).", "cluster");
        _snapshotAge = f.CreateGauge("dssr_queue_snapshot_age_seconds", "Age of the newest queue snapshot of a cluster.", "cluster");
        _jobs = f.CreateGauge("dssr_jobs", "Jobs in the newest queue snapshot, by cluster and state.", "cluster", "state");
        _sshOpen = f.CreateGauge("dssr_ssh_connections_open", "SSH connections open, by cluster.", "cluster");
        _sshConnects = f.CreateGauge("dssr_ssh_connects_total", "SSH connections opened since start, by cluster.", "cluster");
        _sshReconnects = f.CreateGauge("dssr_ssh_reconnects_total", "SSH connections opened again after one was lost, by cluster.", "cluster");
        _forwards = f.CreateGauge("dssr_ssh_forwards_open", "Port forwards open, by cluster.", "cluster");
        _failovers = f.CreateGauge("dssr_failovers_total", "Submits placed on another cluster, by endpoint cluster and direction (out, in).", "cluster", "direction");
        Registry.AddBeforeCollectCallback(Refresh);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Reads the clusters' own figures at each scrape.</summary>
    public void Watch(ClusterRegistry clusters, CommandLog commands)
    {
        _clusters = clusters;
        commands.Added += ObserveCommand;
    }

    public void ObserveRequest(string route, int status, TimeSpan elapsed)
    {
        _requests.WithLabels(route, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _requestSeconds.WithLabels(route).Observe(elapsed.TotalSeconds);
    }

    public void ObserveCommand(CommandLog.Entry entry)
    {
        var cluster = entry.Cluster ?? "";
        var outcome = entry.ExitCode switch { null => "error", 0 => "ok", _ => "failed" };
        _commands.WithLabels(cluster, entry.Program, outcome).Inc();
        _commandSeconds.WithLabels(cluster, entry.Program).Observe(entry.Elapsed.TotalSeconds);
    }

    public void ObserveJournal(string operation, bool ok, TimeSpan elapsed)
    {
        _journalOps.WithLabels(operation, ok ? "ok" : "error").Inc();
        _journalSeconds.WithLabels(operation).Observe(elapsed.TotalSeconds);
    }

    public Task WriteAsync(Stream output, CancellationToken ct) => Registry.CollectAndExportAsTextAsync(output, ct);

    private void Refresh()
    {
        if (_clusters is not { } clusters) return;
        foreach (var cluster in clusters.All)
        {
            var name = cluster.Name;
            _queueQueries.WithLabels(name).Set(cluster.Queue.Queries);
            _failovers.WithLabels(name, "out").Set(cluster.FailoversOut);
            _failovers.WithLabels(name, "in").Set(cluster.FailoversIn);
            if (cluster.Queue.Latest is { } snapshot)
            {
                _snapshotAge.WithLabels(name).Set(Math.Max(0, (DateTimeOffset.UtcNow - snapshot.TakenAt).TotalSeconds));
                var counts = snapshot.Jobs.GroupBy(j => j.State.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Count());
                // A state seen before and gone now is 0, not its old count.
                foreach (var labels in _jobs.GetAllLabelValues().Where(l => l[0] == name && !counts.ContainsKey(l[1])).ToList())
                    _jobs.WithLabels(labels).Set(0);
                foreach (var (state, count) in counts) _jobs.WithLabels(name, state).Set(count);
            }
            var transports = cluster.Shells.OpenTransports.OfType<ISshTransport>().ToList();
            var opened = transports.Sum(ConnectionCount);
            _sshOpen.WithLabels(name).Set(transports.Count(t => t.Session is not null));
            _sshConnects.WithLabels(name).Set(opened);
            _sshReconnects.WithLabels(name).Set(transports.Sum(t => Math.Max(0, ConnectionCount(t) - 1)));
            _forwards.WithLabels(name).Set(transports.Sum(t => t.Forwards.Count));
        }
    }

    private static int ConnectionCount(ISshTransport transport) => transport switch
    {
        Remote.SshNet.SshNetTransport sshNet => sshNet.ConnectionCount,
        OpenSshTransport openSsh => openSsh.MasterOpenCount,
        _ => transport.Session is null ? 0 : 1,
    };
}

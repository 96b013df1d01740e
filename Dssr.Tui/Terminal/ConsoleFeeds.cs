using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;
using Dssr.Engine.Jobs;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>
/// Keeps the console's data fresh from the live service: the header every second, the queue from
/// each cluster's cached snapshot (the same one the upstream's calls use: no extra squeue), and
/// reachability with its latency every 15 s. Every cluster is asked on its own, off the loop's thread,
/// so a silent one holds up neither the screen nor the other clusters' rows; results come back to the
/// loop as changes to apply.
/// </summary>
internal sealed class ConsoleFeeds
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(15);
    /// <summary>A probe is bounded by the cluster's own connect timeout; this only guards against a connector that is not.</summary>
    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(60);
    private readonly ServiceHost _host;
    private readonly string _version;
    private readonly Action<Task<Action<ConsoleModel>>> _post;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, DateTimeOffset> _probedAt = new();
    private readonly Dictionary<string, DateTimeOffset> _probing = new();
    private readonly HashSet<string> _refreshing = [];
    private readonly Dictionary<string, QueueSnapshot> _snapshots = new();
    private readonly Dictionary<string, string> _errors = new();
    private Dictionary<(string, string), JobRecord> _journal = new();

    public ConsoleFeeds(ServiceHost host, string version, Action<Task<Action<ConsoleModel>>> post, TimeProvider? clock = null)
    {
        _host = host;
        _version = version;
        _post = post;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Why the API is not serving (a busy port); null while it starts or once it serves.</summary>
    public string? ServingProblem { get; set; }

    /// <summary>Called once a second on the loop's thread; never waits for a cluster.</summary>
    public void Tick(ConsoleModel model)
    {
        var now = _clock.GetUtcNow();
        model.Header = Header(model.ReadOnly);
        foreach (var cluster in _host.Clusters.All)
        {
            if (cluster.IsReady && _refreshing.Add(cluster.Name)) _post(Task.Run(() => RefreshQueue(cluster)));
            if (_probing.ContainsKey(cluster.Name) || _probedAt.TryGetValue(cluster.Name, out var at) && now - at < ProbeEvery) continue;
            _probing[cluster.Name] = now; // one probe at a time per cluster
            _post(Task.Run(() => Probe(cluster)));
        }
        model.Clusters = Rows(now);
        // In-process counters, no remote call: cheap enough every second; the view redraws only when the text changes.
        model.Load = _host.Clusters.All.Select(c => new LoadRow(c.Name, c.Load.Figures())).ToList();
    }

    private HeaderInfo Header(bool readOnly)
    {
        var journal = _host.Journal;
        var health = journal.Health;
        var replicas = journal.IsShared ? _host.Keeper.Replicas : null;
        return new HeaderInfo(_version, _host.Address, _host.IsServing, ServingProblem, _host.Options.ServerKey is not null,
            _host.Meter.RequestsPerSecond, _host.Meter.SinceLastUpstreamCall, readOnly)
        {
            Journal = new JournalInfo(journal.Kind, health.IsHealthy ? null : health.Problem ?? "unreachable",
                replicas?.Count, journal.IsShared ? _host.Keeper.Self.Id : null),
            RecordingTo = _host.Recording.Current?.File,
        };
    }

    private List<ClusterRow> Rows(DateTimeOffset now) =>
        _host.Clusters.All.Select(c =>
        {
            _errors.TryGetValue(c.Name, out var error);
            TimeSpan? silent = _probing.TryGetValue(c.Name, out var since) ? now - since : null;
            return ClusterRow.From(c.Status(), error, silent);
        }).ToList();

    private async Task<Action<ConsoleModel>> Probe(Cluster cluster)
    {
        using var limit = new CancellationTokenSource(ProbeLimit);
        try { await cluster.ProbeAsync(limit.Token).ConfigureAwait(false); }
        catch (Exception e)
        {
            // Status() keeps the previous answer; the row shows the probe's failure.
            return model => Probed(model, cluster.Name, e is OperationCanceledException ? "probe gave up" : e.Message);
        }
        return model => Probed(model, cluster.Name, null);
    }

    private void Probed(ConsoleModel model, string cluster, string? error)
    {
        _probing.Remove(cluster);
        _probedAt[cluster] = _clock.GetUtcNow();
        if (error is not null) _errors[cluster] = error;
        model.Clusters = Rows(_clock.GetUtcNow());
    }

    private async Task<Action<ConsoleModel>> RefreshQueue(Cluster cluster)
    {
        QueueSnapshot? snapshot = null;
        string? error = null;
        try { snapshot = await cluster.SnapshotAsync(CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) { error = e.Message; }
        // Idle cost matters (the console may sit open for days): when the snapshot is not new, nothing is rebuilt.
        var changed = snapshot is null || !_snapshots.TryGetValue(cluster.Name, out var old) || !ReferenceEquals(old, snapshot);
        var journal = _journal;
        var needJournal = changed && snapshot?.Jobs.Any(j => !journal.ContainsKey((cluster.Name, j.JobId))) == true;
        // Keyed by where a job lives (a failed-over job is in its new cluster's queue).
        if (needJournal)
            journal = _host.Journal.List(limit: 20_000).GroupBy(j => (j.RunsOn, j.JobId)).ToDictionary(g => g.Key, g => g.First());
        return model =>
        {
            _refreshing.Remove(cluster.Name);
            if (!changed) return;
            if (needJournal) _journal = journal;
            if (snapshot is not null) { _snapshots[cluster.Name] = snapshot; _errors.Remove(cluster.Name); }
            else _errors[cluster.Name] = error ?? "queue query failed";
            model.Queue.Update(_snapshots.SelectMany(kv => kv.Value.Jobs.Select(j => ToRow(kv.Key, j))).ToList());
            model.Clusters = Rows(_clock.GetUtcNow()); // counts agree with the queue shown
        };
    }

    private QueueRow ToRow(string cluster, QueueEntry job)
    {
        _journal.TryGetValue((cluster, job.JobId), out var record);
        return new QueueRow(job.Name, record?.Number, cluster, job.JobId, job.State, job.Phase, job.Elapsed,
            job.Nodes.Count == 0 ? "-" : string.Join(",", job.Nodes), job.Owner ?? record?.Owner ?? "-");
    }
}

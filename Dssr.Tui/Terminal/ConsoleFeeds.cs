using System.Diagnostics;
using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;
using Dssr.Engine.Jobs;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>
/// Keeps the console's data fresh from the live service: the header every second, the queue from
/// each cluster's cached snapshot (the same one the upstream's calls use: no extra squeue), and
/// reachability with its latency every 15 s. Results come back to the loop as changes to apply.
/// </summary>
public sealed class ConsoleFeeds
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(15);
    private readonly ServiceHost _host;
    private readonly string _version;
    private readonly Action<Task<Action<ConsoleModel>>> _post;
    private readonly Dictionary<string, (bool? Reachable, TimeSpan? Latency, DateTimeOffset At)> _probes = new();
    private readonly Dictionary<string, QueueSnapshot> _snapshots = new();
    private readonly Dictionary<string, string> _errors = new();
    private Dictionary<(string, string), JobRecord> _journal = new();
    private bool _queueInFlight;

    public ConsoleFeeds(ServiceHost host, string version, Action<Task<Action<ConsoleModel>>> post)
    {
        _host = host;
        _version = version;
        _post = post;
    }

    /// <summary>Why the API is not serving (a busy port); null while it starts or once it serves.</summary>
    public string? ServingProblem { get; set; }

    /// <summary>Called once a second on the loop's thread.</summary>
    public void Tick(ConsoleModel model)
    {
        var now = DateTimeOffset.UtcNow;
        model.Header = new HeaderInfo(_version, _host.Address, _host.IsServing, ServingProblem, _host.Options.ServerKey is not null,
            _host.Meter.RequestsPerSecond, _host.Meter.SinceLastUpstreamCall, model.ReadOnly);
        if (!_queueInFlight)
        {
            _queueInFlight = true;
            _post(RefreshQueues());
        }
        foreach (var cluster in _host.Clusters.All)
        {
            if (!cluster.IsReady) continue;
            if (_probes.TryGetValue(cluster.Name, out var p) && now - p.At < ProbeEvery) continue;
            _probes[cluster.Name] = (p.Reachable, p.Latency, now); // one probe at a time
            _post(Probe(cluster));
        }
        model.Clusters = _host.Clusters.All.Select(c => Row(c, now)).ToList();
    }

    private ClusterRow Row(Cluster c, DateTimeOffset now)
    {
        _probes.TryGetValue(c.Name, out var probe);
        _snapshots.TryGetValue(c.Name, out var snapshot);
        _errors.TryGetValue(c.Name, out var error);
        return new ClusterRow(c.Name, c.ConnectorName, c.IsReady, probe.Reachable, probe.Latency,
            snapshot?.Jobs.Count(j => j.Phase == JobPhase.Running) ?? 0,
            snapshot?.Jobs.Count(j => j.Phase == JobPhase.Queued) ?? 0,
            snapshot is null ? null : now - snapshot.TakenAt, error);
    }

    private async Task<Action<ConsoleModel>> Probe(Cluster cluster)
    {
        var started = Stopwatch.GetTimestamp();
        bool reachable;
        try { reachable = await cluster.IsReachableAsync(CancellationToken.None); }
        catch (Exception) { reachable = false; }
        var latency = Stopwatch.GetElapsedTime(started);
        return _ => _probes[cluster.Name] = (reachable, latency, DateTimeOffset.UtcNow);
    }

    private async Task<Action<ConsoleModel>> RefreshQueues()
    {
        var results = new List<(string Cluster, QueueSnapshot? Snapshot, string? Error)>();
        foreach (var cluster in _host.Clusters.All.Where(c => c.IsReady))
        {
            try { results.Add((cluster.Name, await cluster.SnapshotAsync(CancellationToken.None), null)); }
            catch (Exception e) { results.Add((cluster.Name, null, e.Message)); }
        }
        // Idle cost matters (the console may sit open for days): when no snapshot is new, nothing is rebuilt.
        var changed = results.Any(r => r.Snapshot is null || !_snapshots.TryGetValue(r.Cluster, out var old) || !ReferenceEquals(old, r.Snapshot));
        var journal = _journal;
        var needJournal = changed && results.Any(r => r.Snapshot?.Jobs.Any(j => !journal.ContainsKey((r.Cluster, j.JobId))) == true);
        if (needJournal)
        {
            journal = await Task.Run(() => _host.Journal.List(limit: 20_000)
                .GroupBy(j => (j.Cluster, j.JobId)).ToDictionary(g => g.Key, g => g.First()));
        }
        return model =>
        {
            _queueInFlight = false;
            if (!changed) return;
            if (needJournal) _journal = journal;
            foreach (var (cluster, snapshot, error) in results)
            {
                if (snapshot is not null) { _snapshots[cluster] = snapshot; _errors.Remove(cluster); }
                else _errors[cluster] = error ?? "queue query failed";
            }
            model.Queue.Update(_snapshots.SelectMany(kv => kv.Value.Jobs.Select(j => ToRow(kv.Key, j))).ToList());
            var now = DateTimeOffset.UtcNow;
            model.Clusters = _host.Clusters.All.Select(c => Row(c, now)).ToList(); // counts agree with the queue shown
        };
    }

    private QueueRow ToRow(string cluster, QueueEntry job)
    {
        _journal.TryGetValue((cluster, job.JobId), out var record);
        return new QueueRow(job.Name, record?.Number, cluster, job.JobId, job.State, job.Phase, job.Elapsed,
            job.Nodes.Count == 0 ? "-" : string.Join(",", job.Nodes), job.Owner ?? record?.Owner ?? "-");
    }
}

using Dssr.Engine.Connectors;
using Dssr.Engine.Diagnostics;
using Dssr.Engine.Interactive;
using Dssr.Engine.Jobs;
using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Clusters;

/// <summary>
/// One configured cluster: its connector, its cached queue snapshot and its rows in the journal.
/// The legacy API, the console and scripts all go through this, so they share one queue query.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly IJobJournal _journal;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly KeyedGate<(string, long)> _submitGate = new();
    private Dictionary<string, string> _seenStates = new(StringComparer.Ordinal);
    private volatile bool _ready;

    public Cluster(string name, string connectorName, IConnector connector, IJobJournal journal, TimeSpan queueMaxAge,
        TimeProvider clock, ILoggerFactory logs, ShellProvider? shells = null, Observability.LoadMeter? load = null)
    {
        Shells = shells ?? new ShellProvider(new CommandLog(), logs.CreateLogger("dssr.remote"));
        Name = name;
        ConnectorName = connectorName;
        Connector = connector;
        _journal = journal;
        _clock = clock;
        _log = logs.CreateLogger("dssr.cluster");
        Load = load ?? new Observability.LoadMeter(clock);
        Queue = new QueueCache(ct => { Load.RecordQueueQuery(); return connector.QueryQueueAsync(ct); }, queueMaxAge, clock, RecordSeenStates);
        if (connector is IInteractiveConnector interactive)
            Interactive = new JobTunnels(name, interactive, clock, logs.CreateLogger("dssr.interactive"));
        if (connector is IPostExitConnector postExit)
            _postExit = new PostExitRunner(name, postExit, journal, clock, logs.CreateLogger("dssr.hooks"));
    }

    private readonly PostExitRunner? _postExit;

    /// <summary>The tunnels of this cluster's running interactive jobs; null when its connector serves none.</summary>
    public JobTunnels? Interactive { get; }

    public string Name { get; }
    public string ConnectorName { get; }
    public IConnector Connector { get; }
    public QueueCache Queue { get; }
    /// <summary>The load this cluster's remote commands put on it (the load meter), fed from the command log.</summary>
    public Observability.LoadMeter Load { get; }
    /// <summary>The cluster's remote shells, one per account; not configured for a cluster reached without one.</summary>
    public ShellProvider Shells { get; }
    /// <summary>The journal this cluster's jobs are written to (shared by every replica with PostgreSQL).</summary>
    public IJobJournal Journal => _journal;
    public bool IsReady => _ready;

    public async Task InitializeAsync(CancellationToken ct)
    {
        await Connector.InitializeAsync(ct).ConfigureAwait(false);
        _ready = true;
    }

    /// <summary>
    /// Idempotent on (name, number), within one process and across replicas sharing the journal: a
    /// retried or duplicated submit gets the job id of the first one and makes no second job.
    /// The protocol:
    /// 1. A row with a job id answers at once.
    /// 2. Otherwise, with a shared journal, the submit lease of (cluster, name, number) decides which
    ///    replica may ask the cluster; the others wait for the row to get its job id (bounded), then
    ///    answer it. A journal of one process needs no lease: the per-job gate above serialises.
    /// 3. The lease holder writes the row (SUBMITTING) before the cluster is asked; a journal write
    ///    that fails stops the submit there, so nothing reaches the cluster unrecorded.
    /// 4. A row without a job id found by the holder is an attempt whose answer was lost (here or on a
    ///    replica that died): the cluster is searched by name and its job adopted; only a job the
    ///    cluster does not have is submitted again.
    /// 5. The job id is written before the caller answers; the row's primary key (cluster, name,
    ///    number) keeps one row per submit whatever happens.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
    {
        using var turn = await _submitGate.EnterAsync((request.Name, request.Number), ct).ConfigureAwait(false);
        var lease = $"submit:{Name}:{request.Name}:{request.Number}";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var existing = _journal.Find(Name, request.Name, request.Number);
            if (existing is { JobId.Length: > 0 })
            {
                _log.LogInformation("Submit of {Name}:{Number} repeated; answering its job {JobId}",
                    request.Name, request.Number, existing.JobId);
                return new SubmitResult(existing.JobId, existing.Fscript, existing.Owner);
            }
            if (!_journal.IsShared) return await SubmitHoldingLeaseAsync(request, ct).ConfigureAwait(false);
            if (_journal.TryLease(lease, ReplicaId, SubmitWait))
            {
                try
                {
                    return await SubmitHoldingLeaseAsync(request, ct).ConfigureAwait(false);
                }
                finally
                {
                    try { _journal.ReleaseLease(lease, ReplicaId); }
                    catch (JournalUnavailableException) { } // it expires by itself
                }
            }
            if (waited.Elapsed > SubmitWait)
                throw new ConnectorException($"the submit of {request.Name}:{request.Number} is still in progress on another replica; retry later");
            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }

    /// <summary>Submits waiting or in progress in this process (one gate entry per job being submitted, none after).</summary>
    internal int SubmitsInProgress => _submitGate.Count;

    /// <summary>How long a replica waits for another one's submit of the same job (and how long a submit lease lasts).</summary>
    public TimeSpan SubmitWait { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>This process among the replicas sharing the journal (the holder of its leases).</summary>
    public string ReplicaId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    private async Task<SubmitResult> SubmitHoldingLeaseAsync(SubmitRequest request, CancellationToken ct)
    {
        var existing = _journal.Find(Name, request.Name, request.Number);
        if (existing is { JobId.Length: > 0 }) return new SubmitResult(existing.JobId, existing.Fscript, existing.Owner);
        // A lost attempt is looked for where it was sent, which a failover may have made another cluster.
        var tried = existing is null ? this : Peer(existing.RunsOn) ?? this;
        if (existing is not null && await tried.FindOnClusterAsync(request.Name, ct).ConfigureAwait(false) is { } adopted)
        {
            _log.LogWarning("Submit of {Name}:{Number} retried after an unanswered attempt; cluster {Cluster} has it as job {JobId}",
                request.Name, request.Number, tried.Name, adopted.JobId);
            var found = new SubmitResult(adopted.JobId, existing.Fscript, adopted.Owner ?? existing.Owner);
            Record(request, found, adopted.State, tried.Name, existing.Failover);
            return found;
        }

        var kind = JobKind.Of(request);
        var candidates = Candidates(kind);
        var refusals = new List<string>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var target = candidates[i];
            var note = refusals.Count == 0 ? null : FailoverNote(refusals, target, kind);
            Record(request, new SubmitResult("", "", null), JobState.Submitting.Text(), target.Name, note);
            SubmitResult result;
            try
            {
                result = await target.Connector.SubmitAsync(request, ct).ConfigureAwait(false);
            }
            catch (InvalidInputException)
            {
                _journal.Forget(Name, request.Name, request.Number); // refused before anything reached the cluster
                throw;
            }
            catch (Exception e) when (IsRefusal(e) && i + 1 < candidates.Count)
            {
                refusals.Add($"{target.Name} {Reason(e)}");
                _log.LogWarning("Submit of {Name}:{Number} ({Kind}) not taken by cluster {Cluster}: {Error}; trying {Next}",
                    request.Name, request.Number, kind, target.Name, e.Message, candidates[i + 1].Name);
                continue;
            }
            catch (Exception e)
            {
                Record(request, new SubmitResult("", "", null), JobState.Unanswered.Text(), target.Name, note); // a retry looks for it on the cluster
                if (i == 0 && IsRefusal(e) && Failover.Count > 0)
                    _log.LogWarning("Submit of {Name}:{Number} ({Kind}) not failed over: no cluster of {Targets} prefers {Kind} jobs",
                        request.Name, request.Number, kind, string.Join(", ", Failover), kind);
                throw;
            }
            Record(request, result, JobState.Submitted.Text(), target.Name, note);
            target.Queue.Invalidate();
            if (target != this)
            {
                Queue.Invalidate(); // this endpoint's lists now include the job
                Interlocked.Increment(ref _failoversOut);
                Interlocked.Increment(ref target._failoversIn);
                LastFailover = target.LastFailover = $"{request.Name}:{request.Number} ({result.JobId}): {note}";
                _log.LogWarning("Submit of {Name}:{Number} failed over: {Note}; job {JobId}", request.Name, request.Number, note, result.JobId);
            }
            _log.LogInformation("Submitted {Name}:{Number} as job {JobId}{On}", request.Name, request.Number, result.JobId,
                target == this ? "" : $" on cluster {target.Name}");
            return result;
        }
        throw new InvalidOperationException("a cluster is always its own first candidate");
    }

    /// <summary>This cluster, then each failover target that is configured and prefers jobs of this kind, in order.</summary>
    private List<Cluster> Candidates(string kind)
    {
        var list = new List<Cluster> { this };
        foreach (var name in Failover)
            if (Peer(name) is { } peer && peer != this && peer.PreferredJobs.Contains(kind, StringComparer.OrdinalIgnoreCase) && !list.Contains(peer))
                list.Add(peer);
        return list;
    }

    /// <summary>
    /// Failing over is safe only when the cluster certainly made no job: it could not be reached (refused, timed
    /// out connecting, host key or login refused) or it refused the job with an error of its own. A command that
    /// timed out after it was sent, a lost connection or an answer that could not be read may have made one: no
    /// failover then.
    /// </summary>
    private static bool IsRefusal(Exception e) =>
        e is RemoteConnectException or RemoteAuthenticationException or HostKeyMismatchException or ClusterRefusedException;

    private static string Reason(Exception e) => e is RemoteException and not RemoteAuthenticationException and not HostKeyMismatchException
        ? $"unreachable ({e.Message})"
        : $"refused ({e.Message})";

    private static string FailoverNote(List<string> refusals, Cluster target, string kind) =>
        $"{string.Join("; ", refusals)}; placed on {target.Name} (prefers {kind} jobs)";

    /// <summary>Another configured cluster by name (null when there is none, or no registry).</summary>
    private Cluster? Peer(string name) => name == Name ? this : Registry?.Find(name);

    /// <summary>How it was configured (its endpoint's base path, listen address and server key); null for a cluster built by hand.</summary>
    public Configuration.ClusterOptions? Options { get; init; }

    /// <summary>The base path of its legacy routes: empty for the first cluster, <c>/clusters/NAME</c> for the others.</summary>
    public string BasePath => Options?.BasePath ?? (Registry is null || Registry.Default == this ? "" : $"/clusters/{Name}");

    /// <summary>The clusters this one belongs to; set by <see cref="ClusterRegistry"/>.</summary>
    internal ClusterRegistry? Registry { get; set; }

    /// <summary>The kinds of job this cluster prefers (dssr.yaml's <c>preferred_jobs</c>): it takes another cluster's failover only for these.</summary>
    public IReadOnlyList<string> PreferredJobs { get; init; } = [];

    /// <summary>The clusters a submit to this one goes to, in order, when this one cannot take it (dssr.yaml's <c>failover</c>).</summary>
    public IReadOnlyList<string> Failover { get; init; } = [];

    /// <summary>Submits to this cluster's endpoint that went to another cluster.</summary>
    public long FailoversOut => Interlocked.Read(ref _failoversOut);
    private long _failoversOut;

    /// <summary>Submits to another cluster's endpoint that this cluster took.</summary>
    public long FailoversIn => Interlocked.Read(ref _failoversIn);
    private long _failoversIn;

    /// <summary>
    /// The cluster a job submitted to this endpoint lives on, from the journal (never from the endpoint): another
    /// one after a failover. A job the journal does not know is looked for here.
    /// </summary>
    public Cluster HomeOf(string name, long number, string jobId)
    {
        if (Registry is not { All.Count: > 1 }) return this;
        var row = _journal.Find(Name, name, number);
        if (row is null || row.JobId != jobId || !row.FailedOver) return this;
        // Never this endpoint's cluster instead: a job id means another job there.
        return Peer(row.RunsOn)
            ?? throw new ConnectorException($"job {jobId} of {name}:{number} lives on cluster {row.RunsOn}, which is not configured any more");
    }

    private void Record(SubmitRequest request, SubmitResult result, string state, string placedOn, string? failover)
    {
        var now = _clock.GetUtcNow();
        _journal.RecordSubmitted(new JobRecord(Name, request.Name, request.Number, result.JobId, result.Owner,
            now, now, state, null, null, result.Fscript, result.Secrets) { PlacedOn = placedOn, Failover = failover });
    }

    internal async Task<QueueEntry?> FindOnClusterAsync(string name, CancellationToken ct)
    {
        Queue.Invalidate(); // a snapshot from before the lost attempt would not show the job
        var snapshot = await Queue.GetAsync(ct).ConfigureAwait(false);
        var named = snapshot.Jobs.Where(j => j.Name == name).ToList();
        // A short job may have ended before the retry came: it is still the lost attempt (submitting it again would run
        // it twice), unless its id is another submit's of the same name.
        return named.FirstOrDefault(j => j.Phase != JobPhase.Ended)
            ?? named.LastOrDefault(j => _journal.FindByJobId(Name, j.JobId) is null);
    }

    public Task<QueueSnapshot> SnapshotAsync(CancellationToken ct) => Queue.GetAsync(ct);

    public async Task<RunStatus?> RunStatusAsync(JobRef job, CancellationToken ct)
    {
        var snapshot = await Queue.GetAsync(ct).ConfigureAwait(false);
        return Connector.RunStatus(snapshot, job);
    }

    public async Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct)
    {
        var status = await Connector.ExitStatusAsync(WithOwner(job), ct).ConfigureAwait(false);
        _journal.RecordFinal(Name, job.JobId, status.FinalState, status.ExitCode, _clock.GetUtcNow());
        if (Interactive is { } tunnels) await tunnels.EndAsync(job.JobId, "its exit status was asked").ConfigureAwait(false);
        _postExit?.Start(WithOwner(job), status);
        return status;
    }

    public async Task TerminateAsync(JobRef job, CancellationToken ct)
    {
        await Connector.TerminateAsync(WithOwner(job), ct).ConfigureAwait(false);
        Queue.Invalidate();
        if (Interactive is { } tunnels) await tunnels.EndAsync(job.JobId, "terminated").ConfigureAwait(false);
        _log.LogInformation("Terminated job {JobId} ({Name})", job.JobId, job.Name);
    }

    public async Task ReleaseAsync(JobRef job, CancellationToken ct)
    {
        await Connector.ReleaseAsync(WithOwner(job), ct).ConfigureAwait(false);
        Queue.Invalidate();
    }

    public Task<string> EventsAsync(JobRef job, CancellationToken ct) => Connector.EventsAsync(WithOwner(job), ct);

    /// <summary>
    /// A job's <c>shutdown</c> or <c>abort</c> is a terminate, as in the original: it goes through
    /// <see cref="TerminateAsync"/> (the recorded owner acts, the queue cache is invalidated, it is logged).
    /// </summary>
    public async Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct)
    {
        if (path.IsJobPath && path.Method is "shutdown" or "abort")
        {
            var number = long.TryParse(path.JobNumber, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
            await TerminateAsync(new JobRef(path.JobName!, number, path.JobId!), ct).ConfigureAwait(false);
            return RequestResult.Empty();
        }
        if (path.IsJobPath && path.Method is "info" or "connect" && Interactive is { } tunnels
            && _journal.FindByJobId(Name, path.JobId!) is { Secrets: { } } record)
            return await InteractiveAsync(tunnels, path.Method, record, ct).ConfigureAwait(false);
        return await Connector.RequestAsync(path.IsJobPath ? path with { Owner = _journal.FindByJobId(Name, path.JobId!)?.Owner } : path, query, ct)
            .ConfigureAwait(false);
    }

    /// <summary><c>info</c> or <c>connect</c> of an interactive job: its tunnel, made when the job runs and its service answers.</summary>
    private async Task<RequestResult> InteractiveAsync(JobTunnels tunnels, string method, JobRecord record, CancellationToken ct)
    {
        var snapshot = await Queue.GetAsync(ct).ConfigureAwait(false);
        var entry = snapshot.Find(record.JobId);
        if (entry is null || entry.Phase == JobPhase.Ended || tunnels.HasEnded(record.JobId))
        {
            await tunnels.CloseAsync(record.JobId, "the job is no longer running").ConfigureAwait(false);
            return InteractiveRequests.NotRunning(record.Number);
        }
        if (entry.Phase != JobPhase.Running)
            return InteractiveRequests.NotReady($"job {record.Number} is {entry.State.ToLowerInvariant()}; its service starts when it runs");
        var outcome = await tunnels.OpenAsync(ToRef(record), ct).ConfigureAwait(false);
        if (outcome.Tunnel is not { } tunnel) return InteractiveRequests.NotReady(outcome.NotReady!);
        return method == "info"
            ? InteractiveRequests.Info(tunnel, tunnels.Domain)
            : InteractiveRequests.Connect(tunnel, tunnels.Domain);
    }

    /// <summary>The tunnel of a running interactive job with this upstream number, made if need be (the job proxy's lookup); null: no such running job.</summary>
    public async Task<TunnelOutcome?> TunnelOfNumberAsync(long number, CancellationToken ct)
    {
        if (Interactive is not { } tunnels) return null;
        if (tunnels.All.FirstOrDefault(t => t.Number == number && t.State == TunnelState.Open) is { } open) return TunnelOutcome.Ready(open);
        var record = _journal.List(Name, 1000).FirstOrDefault(r => r.Number == number && r.Secrets is not null && r.JobId.Length > 0);
        if (record is null) return null;
        var entry = (await Queue.GetAsync(ct).ConfigureAwait(false)).Find(record.JobId);
        if (entry is null || entry.Phase == JobPhase.Ended || tunnels.HasEnded(record.JobId)) return null;
        if (entry.Phase != JobPhase.Running) return TunnelOutcome.Wait($"job {number} is {entry.State.ToLowerInvariant()}");
        return await tunnels.OpenAsync(ToRef(record), ct).ConfigureAwait(false);
    }

    private static JobRef ToRef(JobRecord r) => new(r.Name, r.Number, r.JobId, r.Owner, r.FinalState ?? r.LastState, r.Secrets);

    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        var reachable = await Connector.IsReachableAsync(ct).ConfigureAwait(false);
        // /gc also collects the tunnels of jobs that ended since the last queue pass.
        if (reachable && Interactive is { } tunnels) await SweepTunnelsAsync(tunnels, await Queue.GetAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        return reachable;
    }

    private static Task SweepTunnelsAsync(JobTunnels tunnels, QueueSnapshot snapshot) =>
        tunnels.KeepOnlyAsync(snapshot.InPhase(JobPhase.Running).Select(j => j.JobId).ToHashSet(StringComparer.Ordinal));

    /// <summary>Asks whether the cluster answers, timing it; the answer is kept for <see cref="Status"/>.</summary>
    public async Task<(bool Reachable, TimeSpan Latency)> ProbeAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool reachable;
        try
        {
            reachable = await Connector.IsReachableAsync(ct).ConfigureAwait(false);
        }
        catch (ConnectorException)
        {
            reachable = false;
        }
        var probe = (reachable, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        _probe = (probe.reachable, probe.Item2, _clock.GetUtcNow());
        return probe;
    }
    private (bool Reachable, TimeSpan Latency, DateTimeOffset At)? _probe;

    /// <summary>The cluster at a glance: reach and latency of the last <see cref="ProbeAsync"/>, counts and age of the latest snapshot, failovers.</summary>
    public ClusterStatus Status()
    {
        var snapshot = Queue.Latest;
        var probe = _probe;
        return new ClusterStatus(Name, ConnectorName, IsReady, probe?.Reachable, probe?.Latency, probe?.At,
            snapshot?.InPhase(JobPhase.Running).Count(), snapshot?.InPhase(JobPhase.Queued).Count(),
            snapshot is null ? null : Queue.LatestAge, FailoversOut, FailoversIn, LastFailover);
    }

    /// <summary>The newest failover from or to this cluster: the job and why (null before the first).</summary>
    public string? LastFailover { get; private set; }

    /// <summary>The connector's init report and checks; null when it has none.</summary>
    public Task<ClusterDiagnosis?> DiagnoseAsync(CancellationToken ct) => Connector.DiagnoseAsync(ct);

    public JobRecord? FindJob(string jobId) => _journal.FindByJobId(Name, jobId);

    public IReadOnlyList<JobRecord> Jobs(int limit = 10_000) => _journal.List(Name, limit);

    /// <summary>The owner recorded at submit decides whose account acts on a job, never the request.</summary>
    private JobRef WithOwner(JobRef job)
    {
        var known = _journal.FindByJobId(Name, job.JobId);
        return job with { Owner = known?.Owner, LastState = known?.FinalState ?? known?.LastState, Secrets = known?.Secrets };
    }

    private void RecordSeenStates(QueueSnapshot snapshot)
    {
        try
        {
            var current = snapshot.Jobs.GroupBy(j => j.JobId).ToDictionary(g => g.Key, g => g.First().State, StringComparer.Ordinal);
            var changed = current.Where(kv => !_seenStates.TryGetValue(kv.Key, out var s) || s != kv.Value)
                .Select(kv => (kv.Key, kv.Value)).ToList();
            if (changed.Count > 0) _journal.RecordSeenStates(Name, changed, snapshot.TakenAt);
            _seenStates = current;
            if (Interactive is { All.Count: > 0 } tunnels) _ = SweepTunnelsAsync(tunnels, snapshot);
        }
        catch (Exception e)
        {
            // The answer to the upstream does not depend on this bookkeeping.
            _log.LogWarning("Could not record job states in the journal: {Error}", e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postExit is not null) await _postExit.DisposeAsync().ConfigureAwait(false);
        if (Interactive is { } tunnels) await tunnels.DisposeAsync().ConfigureAwait(false);
        await Connector.DisposeAsync().ConfigureAwait(false);
        await Shells.DisposeAsync().ConfigureAwait(false);
    }
}

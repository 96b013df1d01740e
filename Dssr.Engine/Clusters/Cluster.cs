using System.Collections.Concurrent;
using Dssr.Engine.Connectors;
using Dssr.Engine.Diagnostics;
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
    private readonly JobJournal _journal;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<(string, long), SemaphoreSlim> _submitLocks = new();
    private Dictionary<string, string> _seenStates = new(StringComparer.Ordinal);
    private volatile bool _ready;

    public Cluster(string name, string connectorName, IConnector connector, JobJournal journal, TimeSpan queueMaxAge,
        TimeProvider clock, ILoggerFactory logs, ShellProvider? shells = null)
    {
        Shells = shells ?? new ShellProvider(new CommandLog(), logs.CreateLogger("dssr.remote"));
        Name = name;
        ConnectorName = connectorName;
        Connector = connector;
        _journal = journal;
        _clock = clock;
        _log = logs.CreateLogger("dssr.cluster");
        Queue = new QueueCache(connector.QueryQueueAsync, queueMaxAge, clock, RecordSeenStates);
    }

    public string Name { get; }
    public string ConnectorName { get; }
    public IConnector Connector { get; }
    public QueueCache Queue { get; }
    /// <summary>The cluster's remote shells, one per account; not configured for a cluster reached without one.</summary>
    public ShellProvider Shells { get; }
    public bool IsReady => _ready;

    public async Task InitializeAsync(CancellationToken ct)
    {
        await Connector.InitializeAsync(ct).ConfigureAwait(false);
        _ready = true;
    }

    /// <summary>
    /// Idempotent on (name, number): a retried submit gets the job id of the first one and makes no
    /// second job. A row is written before the cluster is asked, so a retry after an answer that was
    /// lost (the job made, its id never heard) finds the job on the cluster by name and adopts it.
    /// The journal row holds the job id before the caller answers.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
    {
        var gate = _submitLocks.GetOrAdd((request.Name, request.Number), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var existing = _journal.Find(Name, request.Name, request.Number);
            if (existing is { JobId.Length: > 0 })
            {
                _log.LogInformation("Submit of {Name}:{Number} repeated; answering its job {JobId}",
                    request.Name, request.Number, existing.JobId);
                return new SubmitResult(existing.JobId, existing.Fscript, existing.Owner);
            }
            if (existing is not null && await FindOnClusterAsync(request.Name, ct).ConfigureAwait(false) is { } adopted)
            {
                _log.LogWarning("Submit of {Name}:{Number} retried after an unanswered attempt; the cluster has it as job {JobId}",
                    request.Name, request.Number, adopted.JobId);
                RecordAdopted(request, new SubmitResult(adopted.JobId, existing.Fscript, adopted.Owner ?? existing.Owner), adopted.State);
                return new SubmitResult(adopted.JobId, existing.Fscript, adopted.Owner ?? existing.Owner);
            }
            Record(request, new SubmitResult("", "", null), JobState.Submitting);
            SubmitResult result;
            try
            {
                result = await Connector.SubmitAsync(request, ct).ConfigureAwait(false);
            }
            catch (InvalidInputException)
            {
                _journal.Forget(Name, request.Name, request.Number); // refused before anything reached the cluster
                throw;
            }
            catch (Exception)
            {
                Record(request, new SubmitResult("", "", null), JobState.Unanswered); // a retry looks for it on the cluster
                throw;
            }
            Record(request, result, JobState.Submitted);
            Queue.Invalidate();
            _log.LogInformation("Submitted {Name}:{Number} as job {JobId}", request.Name, request.Number, result.JobId);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private void Record(SubmitRequest request, SubmitResult result, JobState state)
    {
        var now = _clock.GetUtcNow();
        _journal.RecordSubmitted(new JobRecord(Name, request.Name, request.Number, result.JobId, result.Owner,
            now, now, state.Text(), null, null, result.Fscript));
    }

    /// <summary>An adopted job's row takes the state the cluster reports for it.</summary>
    private void RecordAdopted(SubmitRequest request, SubmitResult result, string clusterState)
    {
        var now = _clock.GetUtcNow();
        _journal.RecordSubmitted(new JobRecord(Name, request.Name, request.Number, result.JobId, result.Owner,
            now, now, clusterState, null, null, result.Fscript));
    }

    private async Task<QueueEntry?> FindOnClusterAsync(string name, CancellationToken ct)
    {
        Queue.Invalidate(); // a snapshot from before the lost attempt would not show the job
        var snapshot = await Queue.GetAsync(ct).ConfigureAwait(false);
        return snapshot.Jobs.FirstOrDefault(j => j.Name == name && j.Phase != JobPhase.Ended);
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
        return status;
    }

    public async Task TerminateAsync(JobRef job, CancellationToken ct)
    {
        await Connector.TerminateAsync(WithOwner(job), ct).ConfigureAwait(false);
        Queue.Invalidate();
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
        return await Connector.RequestAsync(path.IsJobPath ? path with { Owner = _journal.FindByJobId(Name, path.JobId!)?.Owner } : path, query, ct)
            .ConfigureAwait(false);
    }

    public Task<bool> IsReachableAsync(CancellationToken ct) => Connector.IsReachableAsync(ct);

    /// <summary>The connector's init report and checks; null when it has none.</summary>
    public Task<ClusterDiagnosis?> DiagnoseAsync(CancellationToken ct) => Connector.DiagnoseAsync(ct);

    public JobRecord? FindJob(string jobId) => _journal.FindByJobId(Name, jobId);

    public IReadOnlyList<JobRecord> Jobs(int limit = 10_000) => _journal.List(Name, limit);

    /// <summary>The owner recorded at submit decides whose account acts on a job, never the request.</summary>
    private JobRef WithOwner(JobRef job)
    {
        var known = _journal.FindByJobId(Name, job.JobId);
        return job with { Owner = known?.Owner, LastState = known?.FinalState ?? known?.LastState };
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
        }
        catch (Exception e)
        {
            // The answer to the upstream does not depend on this bookkeeping.
            _log.LogWarning("Could not record job states in the journal: {Error}", e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync().ConfigureAwait(false);
        await Shells.DisposeAsync().ConfigureAwait(false);
    }
}

// A connector written as a script: JARVICE_BAREMETAL_CONNECTOR=scripts/connectors/memory-connector.csx ./dssr --serve
// Jobs live in memory: queued when submitted, running from the first queue query after that,
// ended when terminated. A starting point for a connector of your own: one class implementing
// IConnector, with a constructor taking the ConnectorContext (settings, state folder, clock, logs).
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

public sealed class MemoryConnector : IConnector
{
    private readonly ConnectorContext _context;
    private readonly ConcurrentDictionary<string, (string Name, long Number, JobPhase Phase, DateTimeOffset Since)> _jobs = new();
    private readonly ILogger _log;

    public MemoryConnector(ConnectorContext context)
    {
        _context = context;
        _log = context.Logs.CreateLogger("connectors.memory");
    }

    public Task InitializeAsync(CancellationToken ct)
    {
        _log.LogInformation("Memory cluster {Cluster} ready", _context.ClusterName);
        return Task.CompletedTask;
    }

    public Task<bool> IsReachableAsync(CancellationToken ct) =>
        Task.FromResult(_context.Setting("MEMORY_CONNECTOR_UNREACHABLE") != "1");

    public Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
    {
        var jobId = "mem_" + request.Number;
        var script = request.HpcScript.Values.FirstOrDefault() ?? throw new InvalidInputException("hpc_script", "expected one script");
        _jobs[jobId] = (request.Name, request.Number, JobPhase.Queued, _context.Clock.GetUtcNow());
        return Task.FromResult(new SubmitResult(jobId, Encoding.UTF8.GetString(Convert.FromBase64String(script))));
    }

    public Task<QueueSnapshot> QueryQueueAsync(CancellationToken ct)
    {
        var now = _context.Clock.GetUtcNow();
        var entries = new List<QueueEntry>();
        foreach (var (id, job) in _jobs.OrderBy(j => j.Key, StringComparer.Ordinal))
        {
            if (job.Phase == JobPhase.Ended) continue;
            entries.Add(new QueueEntry(job.Name, id, job.Phase, job.Phase == JobPhase.Queued ? "PENDING" : "RUNNING",
                now - job.Since, job.Phase == JobPhase.Running ? ["memory0"] : []));
            if (job.Phase == JobPhase.Queued) _jobs[id] = job with { Phase = JobPhase.Running, Since = now };
        }
        return Task.FromResult(new QueueSnapshot(now, entries));
    }

    public RunStatus? RunStatus(QueueSnapshot snapshot, JobRef job) =>
        snapshot.Find(job.JobId) is { } e
            ? new RunStatus(RunStatusNodes.Of(e.Nodes), e.Elapsed.ToString(@"h\:mm\:ss"), $"{e.Name}/{job.Number}/{e.JobId}")
            : null;

    public Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct)
    {
        if (!_jobs.TryGetValue(job.JobId, out var known)) return Task.FromResult(new ExitStatus(-9, "0:00:00", [], "UNKNOWN"));
        if (known.Phase != JobPhase.Ended) throw new JobStillRunningException(job.JobId);
        _jobs.TryRemove(job.JobId, out _);
        return Task.FromResult(new ExitStatus(-15, "0:00:00", ["", "<< termination state: CANCELLED >>"], "CANCELLED"));
    }

    public Task TerminateAsync(JobRef job, CancellationToken ct)
    {
        if (_jobs.TryGetValue(job.JobId, out var known)) _jobs[job.JobId] = known with { Phase = JobPhase.Ended };
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(JobRef job, CancellationToken ct) => Task.CompletedTask;

    public Task<string> EventsAsync(JobRef job, CancellationToken ct) => Task.FromResult("");

    public Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct) =>
        Task.FromResult(RequestResult.Empty(404));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

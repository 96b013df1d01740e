using System.Collections.Concurrent;
using Dssr.Engine.Connectors;

namespace Dssr.Integration.Tests.Journal;

/// <summary>
/// One in-memory cluster that several in-process replicas talk to (each replica gets this same
/// instance), recording every call. Submits take a while, as sbatch over SSH does.
/// </summary>
public sealed class SharedCluster : IConnector
{
    private readonly ConcurrentDictionary<string, (string Name, bool Ended)> _jobs = new();
    private int _submits;

    public int Submits => Volatile.Read(ref _submits);
    public ConcurrentQueue<(string Route, JobRef Job)> Calls { get; } = new();
    public TimeSpan SubmitTime { get; init; } = TimeSpan.FromMilliseconds(150);

    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;
    public Task<bool> IsReachableAsync(CancellationToken ct) => Task.FromResult(true);

    public async Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _submits);
        await Task.Delay(SubmitTime, ct);
        var id = (1000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _jobs[id] = (request.Name, false);
        return new SubmitResult(id, "#!/bin/bash\n", "owner-of-" + request.Bearer);
    }

    public Task<QueueSnapshot> QueryQueueAsync(CancellationToken ct) => Task.FromResult(new QueueSnapshot(DateTimeOffset.UtcNow,
        _jobs.Where(j => !j.Value.Ended).Select(j => new QueueEntry(j.Value.Name, j.Key, JobPhase.Running, "R", TimeSpan.FromSeconds(1), ["node1"])).ToList()));

    public RunStatus? RunStatus(QueueSnapshot snapshot, JobRef job) =>
        snapshot.Jobs.FirstOrDefault(j => j.JobId == job.JobId) is { } e
            ? new RunStatus(RunStatusNodes.Of(e.Nodes), "0:00:01", $"{job.Name}/{job.Number}/{job.JobId}")
            : null;

    public Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct)
    {
        Calls.Enqueue(("exitstatus", job));
        if (_jobs.TryGetValue(job.JobId, out var j) && !j.Ended) throw new JobStillRunningException(job.JobId);
        return Task.FromResult(new ExitStatus(-15, "0:00:01", ["out", "<< termination state: CANCELLED >>"], "CANCELLED"));
    }

    public Task TerminateAsync(JobRef job, CancellationToken ct)
    {
        Calls.Enqueue(("terminate", job));
        if (_jobs.TryGetValue(job.JobId, out var j)) _jobs[job.JobId] = (j.Name, true);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(JobRef job, CancellationToken ct) => Task.CompletedTask;
    public Task<string> EventsAsync(JobRef job, CancellationToken ct) => Task.FromResult("");
    public Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct) => Task.FromResult(RequestResult.Empty());
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

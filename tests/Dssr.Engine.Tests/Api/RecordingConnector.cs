using Dssr.Engine.Connectors;

namespace Dssr.Engine.Tests.Api;

/// <summary>A connector double for API tests: answers fixed values, records calls, fails on demand.</summary>
public sealed class RecordingConnector : IConnector
{
    public List<string> Calls { get; } = [];
    public Exception? FailWith { get; set; }
    public bool Reachable { get; set; } = true;
    public List<QueueEntry> Jobs { get; } = [];
    public RequestResult RequestAnswer { get; set; } = RequestResult.Empty();
    public int QueueQueries;
    public TaskCompletionSource? InitGate { get; set; }
    /// <summary>While set, queue queries wait for it: a cluster whose host has gone silent.</summary>
    public TaskCompletionSource? QueueGate { get; set; }

    private void Record(string call)
    {
        Calls.Add(call);
        if (FailWith is { } e) throw e;
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        if (InitGate is { } gate) await gate.Task.WaitAsync(ct);
    }

    public Task<bool> IsReachableAsync(CancellationToken ct) => Task.FromResult(Reachable);

    public Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
    {
        Record($"submit {request.Name} {request.Number} {request.Nodes}");
        return Task.FromResult(new SubmitResult("job_" + request.Number, "#!/bin/bash\n"));
    }

    public async Task<QueueSnapshot> QueryQueueAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref QueueQueries);
        if (QueueGate is { } gate) await gate.Task.WaitAsync(ct);
        Record("queue");
        return new QueueSnapshot(DateTimeOffset.UtcNow, Jobs.ToList());
    }

    public RunStatus? RunStatus(QueueSnapshot snapshot, JobRef job) =>
        snapshot.Find(job.JobId) is { } e ? new RunStatus(RunStatusNodes.Of(e.Nodes), "00:00:01", $"{job.Name}/{job.Number}/{job.JobId}") : null;

    public Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct)
    {
        Record($"exitstatus {job.JobId}");
        return Task.FromResult(new ExitStatus(0, "00:00:02", ["out", "<< termination state: CD -- see STDOUT for job errors >>"], "CD"));
    }

    public Task TerminateAsync(JobRef job, CancellationToken ct) { Record($"terminate {job.JobId} owner={job.Owner}"); return Task.CompletedTask; }

    public Task ReleaseAsync(JobRef job, CancellationToken ct) { Record($"release {job.JobId}"); return Task.CompletedTask; }

    public Task<string> EventsAsync(JobRef job, CancellationToken ct) { Record($"events {job.JobId}"); return Task.FromResult("events é"); }

    public Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct)
    {
        Record($"request [{string.Join("|", path.Segments)}] lines={query.First("lines")}");
        return Task.FromResult(RequestAnswer);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

using System.Diagnostics;
using Dssr.Engine.Jobs;

namespace Dssr.Engine.Observability;

/// <summary>A journal that times every operation into <see cref="DssrMetrics"/>; it changes nothing else.</summary>
internal sealed class MeasuredJournal(IJobJournal inner, DssrMetrics metrics) : IJobJournal
{
    public IJobJournal Inner => inner;
    public string Kind => inner.Kind;
    public string Location => inner.Location;
    public bool IsShared => inner.IsShared;
    public string Path => inner.Path;
    public JournalHealth Health => inner.Health;

    public void Migrate() => Measure("migrate", inner.Migrate);
    public JobRecord? Find(string cluster, string name, long number) => Measure("find", () => inner.Find(cluster, name, number));
    public JobRecord? FindByJobId(string cluster, string jobId) => Measure("find_by_job_id", () => inner.FindByJobId(cluster, jobId));
    public IReadOnlyList<JobRecord> List(string? cluster = null, int limit = 10_000) => Measure("list", () => inner.List(cluster, limit));
    public IReadOnlyList<JobRecord> ListAway(string cluster) => Measure("list_away", () => inner.ListAway(cluster));
    public void RecordSubmitted(JobRecord job) => Measure("record_submitted", () => inner.RecordSubmitted(job));
    public bool Claim(JobRecord job) => Measure("claim", () => inner.Claim(job));
    public void Forget(string cluster, string name, long number) => Measure("forget", () => inner.Forget(cluster, name, number));
    public int RecordSeenStates(string cluster, IEnumerable<(string JobId, string State)> states, DateTimeOffset at) =>
        Measure("record_seen_states", () => inner.RecordSeenStates(cluster, states, at));
    public void RecordFinal(string cluster, string jobId, string finalState, int exitCode, DateTimeOffset at) =>
        Measure("record_final", () => inner.RecordFinal(cluster, jobId, finalState, exitCode, at));
    public bool ClaimPostExit(string cluster, string jobId, DateTimeOffset at) =>
        Measure("claim_post_exit", () => inner.ClaimPostExit(cluster, jobId, at));
    public void Heartbeat(ReplicaInfo replica) => Measure("heartbeat", () => inner.Heartbeat(replica));
    public IReadOnlyList<ReplicaInfo> Replicas(TimeSpan within) => Measure("replicas", () => inner.Replicas(within));
    public bool TryLease(string name, string holder, TimeSpan ttl) => Measure("try_lease", () => inner.TryLease(name, holder, ttl));
    public void ReleaseLease(string name, string holder) => Measure("release_lease", () => inner.ReleaseLease(name, holder));
    public DateTimeOffset Now() => Measure("now", inner.Now);
    public void Dispose() => inner.Dispose();

    private void Measure(string operation, Action action) => Measure(operation, () => { action(); return true; });

    private T Measure<T>(string operation, Func<T> call)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = call();
            metrics.ObserveJournal(operation, ok: true, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch
        {
            metrics.ObserveJournal(operation, ok: false, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}

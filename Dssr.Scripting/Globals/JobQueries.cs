using System.Collections;
using Dssr.Engine.Jobs;

namespace Dssr.Scripting.Globals;

/// <summary>
/// Questions about the job journal, newest first: <c>Jobs.Recent()</c>, <c>Jobs.InState("RUNNING")</c>,
/// <c>Jobs.ByState()</c>. It is also the sequence of the newest 10,000 jobs, so LINQ works directly:
/// <c>Jobs.Count()</c>, <c>Jobs.Where(j =&gt; j.RunsOn == "backup")</c>. A job's <c>Cluster</c> is the endpoint it was
/// submitted to, <c>RunsOn</c> the cluster it lives on, and <c>Failover</c> why they differ (each cluster tried, what it said).
/// </summary>
public sealed class JobQueries : IEnumerable<JobRecord>
{
    private readonly IJobJournal _journal;

    public JobQueries(IJobJournal journal) => _journal = journal;

    /// <summary>A job's state as far as Dssr knows: its final state, else the last one seen in the queue, else SUBMITTED.</summary>
    public static string StateOf(JobRecord job) => job.FinalState ?? job.LastState ?? JobState.Submitted.Text();

    public IReadOnlyList<JobRecord> All(int limit = 10_000) => _journal.List(null, limit);

    public IReadOnlyList<JobRecord> Recent(int count = 20) => _journal.List(null, count);

    /// <summary>The jobs living on a cluster (whichever endpoint they were submitted to).</summary>
    public IReadOnlyList<JobRecord> OfCluster(string cluster, int limit = 10_000) => _journal.List(cluster, limit);

    /// <summary>The jobs that failed over at submit, with their failover record (<c>.Failover</c>).</summary>
    public IReadOnlyList<JobRecord> FailedOver(int limit = 10_000) => All(limit).Where(j => j.FailedOver).ToList();

    public JobRecord? Find(string jobId) => All().FirstOrDefault(j => j.JobId == jobId);

    public IReadOnlyList<JobRecord> Named(string name) => All().Where(j => j.Name == name).ToList();

    public IReadOnlyList<JobRecord> InState(string state) =>
        All().Where(j => string.Equals(StateOf(j), state, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>How many jobs are in each state, most common first.</summary>
    public IReadOnlyList<StateCount> ByState() =>
        All().GroupBy(StateOf).Select(g => new StateCount(g.Key, g.Count()))
            .OrderByDescending(s => s.Jobs).ThenBy(s => s.State, StringComparer.Ordinal).ToList();

    public IEnumerator<JobRecord> GetEnumerator() => All().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

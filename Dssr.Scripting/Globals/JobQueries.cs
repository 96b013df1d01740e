using Dssr.Engine.Jobs;

namespace Dssr.Scripting.Globals;

/// <summary>Questions about the job journal, newest first: <c>Jobs.Recent()</c>, <c>Jobs.InState("RUNNING")</c>, <c>Jobs.ByState()</c>.</summary>
public sealed class JobQueries
{
    private readonly JobJournal _journal;

    public JobQueries(JobJournal journal) => _journal = journal;

    /// <summary>A job's state as far as Dssr knows: its final state, else the last one seen in the queue, else SUBMITTED.</summary>
    public static string StateOf(JobRecord job) => job.FinalState ?? job.LastState ?? JobState.Submitted.Text();

    public IReadOnlyList<JobRecord> All(int limit = 10_000) => _journal.List(null, limit);

    public IReadOnlyList<JobRecord> Recent(int count = 20) => _journal.List(null, count);

    public IReadOnlyList<JobRecord> OfCluster(string cluster, int limit = 10_000) => _journal.List(cluster, limit);

    public JobRecord? Find(string jobId) => All().FirstOrDefault(j => j.JobId == jobId);

    public IReadOnlyList<JobRecord> Named(string name) => All().Where(j => j.Name == name).ToList();

    public IReadOnlyList<JobRecord> InState(string state) =>
        All().Where(j => string.Equals(StateOf(j), state, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>How many jobs are in each state, most common first.</summary>
    public IReadOnlyList<StateCount> ByState() =>
        All().GroupBy(StateOf).Select(g => new StateCount(g.Key, g.Count()))
            .OrderByDescending(s => s.Jobs).ThenBy(s => s.State, StringComparer.Ordinal).ToList();
}

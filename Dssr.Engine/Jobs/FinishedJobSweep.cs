using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Jobs;

/// <summary>
/// Once-only work: a job that left the queue and whose exit status nobody asked for within the
/// retention gets it asked here, which records its final state in the journal (before Slurm forgets
/// it) and removes its files. One replica at a time runs this, under the lease <see cref="LeaseName"/>.
/// Absence is timed by the holder from when it first saw the job missing, so a new holder only waits longer.
/// A pass reads every open row of the journal, so passes are spaced by a tenth of the retention (at most a
/// minute) rather than run on every heartbeat: with a thousand jobs a pass every two seconds cost the
/// polled service a measurable share of its CPU. A job is finished off within 1.2 times the retention.
/// </summary>
internal sealed class FinishedJobSweep
{
    public const string LeaseName = "finished-jobs";
    private const int MostPerPass = 20;
    private static readonly TimeSpan FreshEnough = TimeSpan.FromSeconds(30);
    private readonly ClusterRegistry _clusters;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    // Monotonic timestamps: a wall clock set back must not pause the sweep, nor one set forward make a job due at once.
    private readonly Dictionary<(string Cluster, string JobId), long> _missingSince = [];
    private long? _lastPass;

    public FinishedJobSweep(ClusterRegistry clusters, TimeSpan retention, TimeProvider clock, ILogger log)
    {
        _clusters = clusters;
        _retention = retention;
        _clock = clock;
        _log = log;
    }

    /// <summary>Jobs this replica has finished off (for tests and the console).</summary>
    public long Swept => Interlocked.Read(ref _swept);
    private long _swept;

    /// <summary>The least time between two passes.</summary>
    public TimeSpan Pace => TimeSpan.FromTicks(Math.Min(_retention.Ticks / 10, TimeSpan.FromMinutes(1).Ticks));

    public OnceOnlyWork AsWork(TimeSpan lease) => new(LeaseName, lease, RunAsync);

    public async Task RunAsync(CancellationToken ct)
    {
        await Task.Yield();
        if (_lastPass is { } last && _clock.GetElapsedTime(last) < Pace) return;
        _lastPass = _clock.GetTimestamp();
        await SweepAsync(ct).ConfigureAwait(false);
    }

    private async Task SweepAsync(CancellationToken ct)
    {
        foreach (var cluster in _clusters.All.Where(c => c.IsReady))
        {
            // The snapshot the upstream's polling keeps fresh: the sweep adds no queue query of its own.
            // None recent (the cluster cannot be asked, or nobody polls): nothing can be said about which jobs ended.
            if (cluster.Queue.Latest is not { } snapshot || cluster.Queue.LatestAge is not { } age || age > FreshEnough) continue;
            var listed = snapshot.Jobs.Select(j => j.JobId).ToHashSet(StringComparer.Ordinal);
            var now = _clock.GetTimestamp();
            var open = cluster.Jobs().Where(j => j.FinalState is null && j.JobId.Length > 0 && JobStates.Parse(j.LastState) is not (JobState.Submitting or JobState.Unanswered)).ToList();
            foreach (var key in _missingSince.Keys.Where(k => k.Cluster == cluster.Name && listed.Contains(k.JobId)).ToList())
                _missingSince.Remove(key);
            var due = new List<JobRecord>();
            foreach (var job in open.Where(j => !listed.Contains(j.JobId) && j.UpdatedAt < snapshot.TakenAt))
            {
                var key = (cluster.Name, job.JobId);
                if (!_missingSince.TryGetValue(key, out var since)) _missingSince[key] = since = now;
                if (_clock.GetElapsedTime(since, now) >= _retention) due.Add(job);
            }
            foreach (var job in due.Take(MostPerPass))
            {
                try
                {
                    var status = await cluster.ExitStatusAsync(new JobRef(job.Name, job.Number, job.JobId), ct).ConfigureAwait(false);
                    _missingSince.Remove((cluster.Name, job.JobId));
                    Interlocked.Increment(ref _swept);
                    _log.LogInformation("Job {JobId} ({Name}) ended {State} with no exit status asked; recorded and cleaned up",
                        job.JobId, job.Name, status.FinalState);
                }
                catch (Exception e) when (e is ConnectorException or InvalidInputException)
                {
                    _log.LogWarning("Could not finish job {JobId} ({Name}): {Error}", job.JobId, job.Name, e.Message);
                }
            }
        }
    }
}

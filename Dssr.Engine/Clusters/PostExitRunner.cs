using System.Collections.Concurrent;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Clusters;

/// <summary>
/// Starts a cluster's post-exit work once per job: the journal's claim decides which call (of any replica, before or
/// after a restart) runs it; it runs in the background so the upstream's <c>exitstatus</c> answer never waits for it.
/// Work still running when the service stops is given <see cref="StopGrace"/> to finish, then cancelled.
/// </summary>
internal sealed class PostExitRunner(string cluster, IPostExitConnector connector, IJobJournal journal, TimeProvider clock, ILogger log)
    : IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Claims and starts the job's post-exit work; returns the running work, or null when another call took it.</summary>
    public Task? Start(JobRef job, ExitStatus status)
    {
        if (!connector.HasPostExitWork || _stop.IsCancellationRequested) return null;
        try
        {
            if (!journal.ClaimPostExit(cluster, job.JobId, clock.GetUtcNow())) return null;
        }
        catch (JournalUnavailableException e)
        {
            log.LogWarning("Post-exit work of job {JobId} not run: {Error}", job.JobId, e.Message);
            return null;
        }
        var work = Task.Run(async () =>
        {
            try
            {
                await connector.RunPostExitAsync(job, status, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                log.LogWarning("Post-exit work of job {JobId} failed: {Error}", job.JobId, e.Message);
            }
        }, CancellationToken.None);
        _running.TryAdd(work, 0);
        _ = work.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        return work;
    }

    public async ValueTask DisposeAsync()
    {
        var running = _running.Keys.ToArray();
        if (running.Length > 0)
        {
            try { await Task.WhenAll(running).WaitAsync(StopGrace).ConfigureAwait(false); }
            catch (TimeoutException) { }
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(_running.Keys).ConfigureAwait(false); }
        catch (Exception) { } // each logged its own failure
        _stop.Dispose();
    }
}

using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;

namespace Dssr.Engine.Api;

/// <summary>
/// An endpoint's /running and /queued: the jobs submitted to it, wherever they run. Its own cluster's queue,
/// less the jobs other endpoints failed over to it, plus its jobs that failed over to other clusters, from
/// theirs. If any of those clusters cannot be asked the answer is a 500: a list that left out a job would tell
/// the upstream the job had ended. The journal is asked once per snapshot of the endpoint's cluster (a failover
/// refreshes that snapshot), and with nothing failed over the bytes are the one-cluster bytes, built once.
/// </summary>
internal sealed class EndpointJobLists
{
    private sealed record Away(QueueSnapshot Snapshot, IReadOnlyList<JobRecord> Jobs);

    private readonly Cluster _endpoint;
    private readonly ClusterRegistry _clusters;
    private readonly JobListCache _lists = new();
    private Away? _away;

    public EndpointJobLists(Cluster endpoint, ClusterRegistry clusters)
    {
        _endpoint = endpoint;
        _clusters = clusters;
    }

    public async Task<byte[]> ListAsync(JobPhase phase, CancellationToken ct)
    {
        var own = await _endpoint.SnapshotAsync(ct).ConfigureAwait(false);
        var away = AwayJobs(own);
        if (away.Count == 0) return phase == JobPhase.Running ? _lists.Running(own) : _lists.Queued(own);

        var guests = away.Where(j => j.RunsOn == _endpoint.Name).Select(j => j.JobId).ToHashSet(StringComparer.Ordinal);
        var entries = own.InPhase(phase).Where(e => !guests.Contains(e.JobId)).ToList();
        foreach (var group in away.Where(j => j.Cluster == _endpoint.Name).GroupBy(j => j.RunsOn))
        {
            var home = _clusters.Find(group.Key)
                ?? throw new ConnectorException($"job {group.First().JobId} of this endpoint lives on cluster {group.Key}, which is not configured");
            QueueSnapshot theirs;
            try
            {
                theirs = await home.SnapshotAsync(ct).ConfigureAwait(false);
            }
            catch (ConnectorException e)
            {
                throw new ConnectorException($"cluster {home.Name}, where {group.Count()} job(s) of this endpoint run, cannot be asked: {e.Message}", e);
            }
            var ids = group.Select(j => j.JobId).ToHashSet(StringComparer.Ordinal);
            entries.AddRange(theirs.InPhase(phase).Where(e => ids.Contains(e.JobId)));
        }
        return LegacyAnswers.JobList(entries);
    }

    private IReadOnlyList<JobRecord> AwayJobs(QueueSnapshot own)
    {
        if (_clusters.All.Count == 1) return [];
        var cached = Volatile.Read(ref _away);
        if (cached is not null && ReferenceEquals(cached.Snapshot, own)) return cached.Jobs;
        var away = new Away(own, _endpoint.Journal.ListAway(_endpoint.Name));
        Volatile.Write(ref _away, away);
        return away.Jobs;
    }
}

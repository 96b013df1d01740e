namespace Dssr.Engine.Connectors;

/// <summary>Every job a cluster knows at one instant, from one query.</summary>
public sealed record QueueSnapshot(DateTimeOffset TakenAt, IReadOnlyList<QueueEntry> Jobs)
{
    private Dictionary<string, QueueEntry>? _byJobId;

    public QueueEntry? Find(string jobId)
    {
        _byJobId ??= Jobs.GroupBy(j => j.JobId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _byJobId.GetValueOrDefault(jobId);
    }

    public IEnumerable<QueueEntry> InPhase(JobPhase phase) => Jobs.Where(j => j.Phase == phase);
}

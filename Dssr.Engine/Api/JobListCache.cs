using Dssr.Engine.Connectors;

namespace Dssr.Engine.Api;

/// <summary>
/// The /running and /queued bytes of the latest snapshot, built once per snapshot: the upstream
/// polls both every few seconds and a thousand jobs should not be serialised on every call.
/// </summary>
internal sealed class JobListCache
{
    private sealed record Entry(QueueSnapshot Snapshot, byte[] Running, byte[] Queued);

    private Entry? _entry;

    public byte[] Running(QueueSnapshot snapshot) => For(snapshot).Running;

    public byte[] Queued(QueueSnapshot snapshot) => For(snapshot).Queued;

    private Entry For(QueueSnapshot snapshot)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && ReferenceEquals(entry.Snapshot, snapshot)) return entry;
        entry = new Entry(snapshot,
            LegacyAnswers.JobList(snapshot.InPhase(JobPhase.Running)),
            LegacyAnswers.JobList(snapshot.InPhase(JobPhase.Queued)));
        Volatile.Write(ref _entry, entry);
        return entry;
    }
}

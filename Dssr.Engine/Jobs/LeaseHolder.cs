namespace Dssr.Engine.Jobs;

/// <summary>When a lease's holder counts as gone although its lease has not expired.</summary>
internal static class LeaseHolder
{
    /// <summary>
    /// Five missed heartbeats (<see cref="JournalKeeper.HeartbeatInterval"/>): the holder was killed or lost the
    /// journal. Its lease may be taken; a submit taken over this way first looks for the job on the cluster.
    /// </summary>
    public static readonly TimeSpan SilentAfter = TimeSpan.FromSeconds(10);
}

namespace Dssr.Engine.Jobs;

/// <summary>
/// The job journal: every accepted submit is written before it is answered, so a retried submit
/// finds its job and a restarted service (or another replica) still knows every job. SQLite is the
/// embedded default for one process; PostgreSQL is shared by several replicas.
/// A journal that cannot be reached throws <see cref="JournalUnavailableException"/>.
/// </summary>
public interface IJobJournal : IDisposable
{
    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    string Kind { get; }

    /// <summary>Where it is (a file, or host:port/database); never a password.</summary>
    string Location { get; }

    /// <summary>True when other processes (replicas) may write it at the same time: PostgreSQL.</summary>
    bool IsShared { get; }

    /// <summary>Same as <see cref="Location"/> (the name the console's init report uses).</summary>
    string Path => Location;

    /// <summary>Whether the last operation reached it, and why not.</summary>
    JournalHealth Health { get; }

    /// <summary>Creates or migrates the schema; throws a ConfigurationException against a schema newer than this build.</summary>
    void Migrate();

    JobRecord? Find(string cluster, string name, long number);

    /// <summary>The job with this id on the cluster it lives on (whatever endpoint it was submitted to).</summary>
    JobRecord? FindByJobId(string cluster, string jobId);

    /// <summary>The jobs living on <paramref name="cluster"/> (every job when null), newest first.</summary>
    IReadOnlyList<JobRecord> List(string? cluster = null, int limit = 10_000);

    /// <summary>
    /// The unfinished jobs that failed over to or from <paramref name="cluster"/>: submitted to its endpoint and
    /// living elsewhere, or living on it and submitted to another endpoint.
    /// </summary>
    IReadOnlyList<JobRecord> ListAway(string cluster);

    /// <summary>Writes a row (with where it lives and why), replacing the one with the same (cluster, name, number).</summary>
    void RecordSubmitted(JobRecord job);

    /// <summary>Inserts the row only if no row has its (cluster, name, number); true when this call inserted it.</summary>
    bool Claim(JobRecord job);

    /// <summary>Removes a row; only for a submit the cluster never saw (refused as bad input).</summary>
    void Forget(string cluster, string name, long number);

    /// <summary>Writes the states seen in one snapshot, in one transaction; only rows whose state changed are touched.</summary>
    int RecordSeenStates(string cluster, IEnumerable<(string JobId, string State)> states, DateTimeOffset at);

    void RecordFinal(string cluster, string jobId, string finalState, int exitCode, DateTimeOffset at);

    /// <summary>
    /// Takes the post-exit work of the job <paramref name="jobId"/> living on <paramref name="cluster"/>: true for the
    /// first caller only, whatever process or replica asks, before or after a restart (so that work runs at most once);
    /// false when it was taken already or the journal has no such job.
    /// </summary>
    bool ClaimPostExit(string cluster, string jobId, DateTimeOffset at);

    /// <summary>Writes this replica's heartbeat row (seen now, by the journal's clock).</summary>
    void Heartbeat(ReplicaInfo replica);

    /// <summary>The replicas whose heartbeat is younger than <paramref name="within"/>, by the journal's clock.</summary>
    IReadOnlyList<ReplicaInfo> Replicas(TimeSpan within);

    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until now + ttl (the
    /// journal's clock): true when the holder has it, false while another holder's lease is unexpired and
    /// that holder's heartbeat is younger than <see cref="LeaseHolder.SilentAfter"/> (a replica killed while
    /// holding a long lease, such as a submit's, does not keep it to its expiry).
    /// </summary>
    bool TryLease(string name, string holder, TimeSpan ttl);

    /// <summary>Gives the lease up (only if <paramref name="holder"/> holds it).</summary>
    void ReleaseLease(string name, string holder);

    /// <summary>The journal's own clock (for the clock skew check).</summary>
    DateTimeOffset Now();
}

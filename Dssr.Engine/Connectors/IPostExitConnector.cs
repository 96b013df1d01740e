namespace Dssr.Engine.Connectors;

/// <summary>
/// A connector with site work to run once a job's final state is known (post-exit hooks: notify, collect, clean).
/// The engine runs it after the first <c>exitstatus</c> that records the state, at most once per job (the journal
/// says who took it), in the background: its failure is the connector's to log and never changes the exit status.
/// </summary>
public interface IPostExitConnector
{
    /// <summary>False when the cluster declares no post-exit work (then nothing is claimed or started).</summary>
    bool HasPostExitWork { get; }

    Task RunPostExitAsync(JobRef job, ExitStatus status, CancellationToken ct);
}

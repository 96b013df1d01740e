namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// What a <c>post-exit</c> hook's code sees: the ended <see cref="Job"/> (read only), <see cref="Log"/>, and
/// <see cref="Cancellation"/>, cancelled when the hook's time is up. It runs once per job, after the upstream first
/// asked the job's exit status; whatever it does, that status stays as Slurm gave it.
/// </summary>
public sealed class PostExitHook(EndedJob job, Action<string> log, CancellationToken cancellation, string hookFile = "")
    : HookGlobals(log, cancellation, hookFile)
{
    public EndedJob Job { get; } = job;
}

/// <summary>A job as it ended: who ran it where, how Slurm ended it (<c>COMPLETED</c>, <c>FAILED</c>, …), its exit code and run time.</summary>
public sealed record EndedJob(string Name, long Number, string JobId, string Cluster, string? User, string FinalState, int ExitCode, string Elapsed);

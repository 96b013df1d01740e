namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// What a <c>post-exit</c> hook's code sees: the ended <see cref="Job"/> (read only), <see cref="Log"/>, and
/// <see cref="Cancellation"/>, cancelled when the hook's time is up. It runs once per job, after the upstream first
/// asked the job's exit status; whatever it does, that status stays as Slurm gave it.
/// </summary>
public sealed class PostExitHook(EndedJob job, Action<string> log, CancellationToken cancellation, string hookFile = "")
{
    public EndedJob Job { get; } = job;
    /// <summary>The hook's own file: a hook finds the files beside it (a webhook's address) through it.</summary>
    public string HookFile { get; } = hookFile;
    public string HookFolder => System.IO.Path.GetDirectoryName(HookFile) ?? ".";
    public CancellationToken Cancellation { get; } = cancellation;

    public void Log(string message) => log(message);
}

/// <summary>A job as it ended: who ran it where, how Slurm ended it (<c>COMPLETED</c>, <c>FAILED</c>, …), its exit code and run time.</summary>
public sealed record EndedJob(string Name, long Number, string JobId, string Cluster, string? User, string FinalState, int ExitCode, string Elapsed);

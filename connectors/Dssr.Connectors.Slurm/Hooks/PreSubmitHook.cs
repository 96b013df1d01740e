namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// What a <c>pre-submit</c> hook's code sees: <see cref="Job"/> to read and change, <see cref="Refuse"/> to turn the job
/// away (the upstream gets a 400 with the message), <see cref="Log"/>, and <see cref="Cancellation"/>, cancelled when the
/// hook's time is up. <c>Res</c> (durations, memory, layouts) is imported too.
/// </summary>
public sealed class PreSubmitHook(HookJob job, Action<string> log, CancellationToken cancellation, string hookFile = "")
{
    public HookJob Job { get; } = job;
    /// <summary>The hook's own file: a hook finds the files beside it (a CSV of accounts) through it.</summary>
    public string HookFile { get; } = hookFile;
    public string HookFolder => System.IO.Path.GetDirectoryName(HookFile) ?? ".";
    public CancellationToken Cancellation { get; } = cancellation;

    public void Log(string message) => log(message);

    /// <summary>Ends the hook and refuses the job: nothing reaches Slurm, and the upstream's answer is 400 with this message.</summary>
    public void Refuse(string message) => throw new HookRefusedException(message);
}

/// <summary>Thrown by <see cref="PreSubmitHook.Refuse"/>: a policy refusal, not a failure of the hook.</summary>
public sealed class HookRefusedException(string message) : Exception(message);

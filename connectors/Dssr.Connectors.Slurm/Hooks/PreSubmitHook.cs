namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// What a <c>pre-submit</c> hook's code sees: <see cref="Job"/> to read and change, <see cref="Refuse"/> to turn the job
/// away (the upstream gets a 400 with the message), <see cref="Log"/>, and <see cref="Cancellation"/>, cancelled when the
/// hook's time is up. <c>Res</c> (durations, memory, layouts) is imported too.
/// </summary>
public sealed class PreSubmitHook(HookJob job, Action<string> log, CancellationToken cancellation, string hookFile = "")
    : HookGlobals(log, cancellation, hookFile)
{
    public HookJob Job { get; } = job;

    /// <summary>Ends the hook and refuses the job: nothing reaches Slurm, and the upstream's answer is 400 with this message.</summary>
    public void Refuse(string message) => throw new HookRefusedException(message);
}

/// <summary>Thrown by <see cref="PreSubmitHook.Refuse"/>: a policy refusal, not a failure of the hook.</summary>
internal sealed class HookRefusedException(string message) : Exception(message);

namespace Dssr.Connectors.Slurm;

/// <summary>What is known of how a job ended (or that it has not): its state, run time, and which source said so.</summary>
internal sealed record JobEnd(string State, TimeSpan Elapsed, string Source, string? JobName = null)
{
    public bool IsFinal => SlurmStates.IsFinal(State);
    public int ExitCode => SlurmStates.ExitCode(State);
    public string LongState => SlurmStates.LongName(State);
}

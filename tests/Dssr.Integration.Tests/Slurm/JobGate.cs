namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// A file a test job waits for before it ends (the bed's jobs run on this machine), so a test sees a
/// job running for as long as it needs however loaded the machine is, instead of racing a sleep.
/// The job gives up after a minute, so a failed test leaves nothing running for long.
/// </summary>
public sealed class JobGate : IDisposable
{
    public string Path { get; } = $"/tmp/dssr-gate-{Guid.NewGuid():N}";

    /// <summary>The job body's lines that wait for the gate.</summary>
    public string WaitLines => $"i=0; while [ ! -e '{Path}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n";

    public void Open() => File.WriteAllText(Path, "");

    public void Dispose() => File.Delete(Path);
}

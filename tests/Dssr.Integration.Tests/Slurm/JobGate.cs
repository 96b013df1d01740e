namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// A file a test job waits for before it ends (the bed's jobs run on this machine), so a test sees a
/// job running for as long as it needs however loaded the machine is, instead of racing a sleep.
/// Disposing opens the gate and leaves it open: a job still pending when its test ends (the bed's
/// node busy with other tests' jobs) must end at once when it starts, not hold a CPU for the
/// minute after which it gives up and delay the next test's jobs. The gates live in the bed's
/// folder, removed with it.
/// </summary>
public sealed class JobGate : IDisposable
{
    public JobGate()
    {
        var folder = System.IO.Path.Combine(TestBed.Get("DSSR_TESTBED_DIR"), "gates");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    /// <summary>The job body's lines that wait for the gate.</summary>
    public string WaitLines => $"i=0; while [ ! -e '{Path}' ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\n";

    public void Open() => File.WriteAllText(Path, "");

    public void Dispose() => Open();
}

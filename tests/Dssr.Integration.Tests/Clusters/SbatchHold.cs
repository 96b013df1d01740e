using System.Diagnostics;

namespace Dssr.Integration.Tests.Clusters;

/// <summary>
/// Holds a bed cluster's sbatch calls at one point (the sbatch shim of tests/testbed/cluster-up.sh): <c>before</c>
/// sbatch runs, or <c>after</c> it made the job and before its answer is printed. Each held call writes a line; the
/// calls wait until <see cref="Release"/> or <see cref="Drop"/>. Disposing releases them and forgets the lines.
/// </summary>
public sealed class SbatchHold : IDisposable
{
    private readonly string _folder;

    private SbatchHold(string folder) => _folder = folder;

    private string HoldFile => Path.Combine(_folder, "hold");

    private string HeldFile => Path.Combine(_folder, "held");

    public static SbatchHold Start(BedCluster cluster, string at)
    {
        var hold = new SbatchHold(Path.Combine(cluster.Folder, "run", "sbatch"));
        File.Delete(hold.HeldFile);
        File.WriteAllText(hold.HoldFile, at);
        return hold;
    }

    /// <summary>Waits until a held call has written a line starting with <paramref name="word"/> (<c>before</c>, <c>after</c>, <c>made</c>).</summary>
    public async Task WaitForAsync(string word, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (!(File.Exists(HeldFile) && File.ReadLines(HeldFile).Any(l => l.StartsWith(word + " ", StringComparison.Ordinal))))
        {
            Assert.True(waited.Elapsed < within, $"no sbatch call reached '{word}' within {within.TotalSeconds:0} s");
            await Task.Delay(20);
        }
    }

    /// <summary>Lets the held calls go on: to sbatch, or to its answer.</summary>
    public void Release() => File.Delete(HoldFile);

    /// <summary>Ends the calls held <c>before</c> sbatch without running it (their connection died first); releases the others.</summary>
    public void Drop()
    {
        File.WriteAllText(HoldFile + ".new", "drop");
        File.Move(HoldFile + ".new", HoldFile, overwrite: true);
    }

    public void Dispose()
    {
        Release();
        File.Delete(HeldFile);
    }
}

namespace Dssr.Integration.Tests;

/// <summary>The highest VmRSS seen while it runs (sampled every 2 ms), above where it started after a full, aggressive collection.</summary>
internal sealed class PeakResidentSampler : IDisposable
{
    private readonly long _start;
    private readonly Thread _thread;
    private volatile bool _stop;
    private long _peak;

    public PeakResidentSampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Aggressive: memory an earlier test made the heap take is given back, so it cannot hide this test's growth.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _start = Resident();
        _peak = _start;
        // A dedicated thread, so a busy thread pool cannot starve the sampling.
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), Resident()));
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Stops sampling and returns the peak growth in bytes.</summary>
    public long Stop()
    {
        _stop = true;
        _thread.Join();
        return Math.Max(Interlocked.Read(ref _peak), Resident()) - _start;
    }

    public void Dispose() => _stop = true;

    private static long Resident()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("no VmRSS in /proc/self/status");
    }
}

/// <summary>Tests that measure the process's own resident memory run alone, so no other test's allocations land in the figure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResidentMemoryCollection
{
    public const string Name = "Resident memory, alone";
}

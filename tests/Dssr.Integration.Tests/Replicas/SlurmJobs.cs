using System.Diagnostics;
using Dssr.Connectors.Slurm;

namespace Dssr.Integration.Tests.Replicas;

/// <summary>What the test bed's Slurm itself holds (asked with squeue on this side, not through Dssr).</summary>
public static class SlurmJobs
{
    /// <summary>The Slurm job ids of jobs named after an upstream name (queued, running or just ended).</summary>
    public static IReadOnlyList<string> Named(string upstreamName)
    {
        var info = new ProcessStartInfo("squeue") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-h", "-t", "all", "-n", SqueueSnapshot.JobNamePrefix + upstreamName, "-o", "%A" }) info.ArgumentList.Add(a);
        using var squeue = Process.Start(info)!;
        var output = squeue.StandardOutput.ReadToEnd();
        squeue.WaitForExit();
        Assert.True(squeue.ExitCode == 0, "squeue failed: " + squeue.StandardError.ReadToEnd());
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static void Cancel(IEnumerable<string> jobIds)
    {
        var ids = jobIds.ToList();
        if (ids.Count == 0) return;
        using var scancel = Process.Start("scancel", ids)!;
        scancel.WaitForExit();
    }
}

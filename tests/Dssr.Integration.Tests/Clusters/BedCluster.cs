using System.Diagnostics;
using System.Globalization;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.Clusters;

/// <summary>
/// One of the extra clusters of the test bed (tests/testbed/cluster-up.sh): its own Slurm and its own sshd, reached
/// with the bed's user and key. Its sshd can be stopped and started again (by its pid file) to make it unreachable,
/// and so can its slurmctld.
/// </summary>
public sealed record BedCluster(string Name)
{
    public static readonly BedCluster East = new("east");
    public static readonly BedCluster West = new("west");

    private string Var(string what) => TestBed.Get($"DSSR_TESTBED_CLUSTER_{Name.ToUpperInvariant()}_{what}");

    public int Port => int.Parse(Var("SSH_PORT"), CultureInfo.InvariantCulture);
    public string KnownHosts => Var("KNOWN_HOSTS");
    public string SqueueLog => Var("SQUEUE_LOG");

    /// <summary>Its folder in the bed (its Slurm, its sshd, its shims' control files under <c>run</c>).</summary>
    public string Folder => Var("DIR");

    /// <summary>Slurm's completion log of this cluster (one line per ended job).</summary>
    public string CompletionLog => Path.Combine(Folder, "slurm", "log", "jobcomp.txt");

    /// <summary>The environment an operator would set for this cluster: the bed's, at this cluster's port and host key.</summary>
    public Dictionary<string, string> Environment(Dictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["JARVICE_SLURM_CLUSTER_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
            ["JARVICE_SLURM_SSH_KNOWN_HOSTS"] = KnownHosts,
        };
        foreach (var (k, v) in extra ?? []) env[k] = v;
        return env;
    }

    /// <summary>
    /// Kills its sshd's per-connection processes (the listener's children), by PID, leaving the listener: every open
    /// SSH connection to this cluster drops at once. Returns how many were killed.
    /// </summary>
    public int KillConnections()
    {
        if (!int.TryParse(File.ReadAllText(Var("SSHD_PID_FILE")).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var listener)) return 0;
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-P", listener.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true })!;
        var pids = pgrep.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        pgrep.WaitForExit();
        foreach (var pid in pids)
        {
            try { Process.GetProcessById(pid).Kill(); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
        }
        return pids.Count;
    }

    /// <summary>Restarts its sshd as an operator would: the listener and its connections stopped, then started on the same port.</summary>
    public async Task RestartSshdAsync()
    {
        await StopSshdAsync();
        await StartSshdAsync();
    }

    public SshSettings Settings() => TestBed.Settings() with { Port = Port, HostKeys = HostKeyPolicy.KnownHosts(KnownHosts) };

    /// <summary>A command on its login node, as the test user, on a connection of its own.</summary>
    public async Task<RemoteResult> RunAsync(params string[] argv)
    {
        await using var ssh = new OpenSshTransport(Settings());
        return await ssh.RunAsync(RemoteCommand.Of(argv));
    }

    /// <summary>The job ids of its queue whose Slurm job name holds this upstream job name.</summary>
    public async Task<IReadOnlyList<string>> JobsNamedAsync(string name) => JobsNamed(await RunAsync("squeue", "-h", "-o", "%A %j"), name);

    /// <summary>The job ids in <c>squeue -h -o "%A %j"</c> output whose name holds this upstream job name.</summary>
    public static IReadOnlyList<string> JobsNamed(RemoteResult squeue, string name)
    {
        Assert.True(squeue.ExitCode == 0, squeue.Stderr);
        return squeue.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2)).Where(p => p.Length == 2 && p[1].Contains(name, StringComparison.Ordinal)).Select(p => p[0]).ToList();
    }

    public Task StopSshdAsync() => Control("cluster-sshd.sh", "stop");

    public Task StartSshdAsync() => Control("cluster-sshd.sh", "start");

    /// <summary>Stops its controller only: slurmd and the jobs run on, as when a site's slurmctld dies.</summary>
    public Task StopSlurmctldAsync() => Control("cluster-slurmctld.sh", "stop");

    public Task StartSlurmctldAsync() => Control("cluster-slurmctld.sh", "start");

    private async Task Control(string script, string action)
    {
        var info = new ProcessStartInfo(Path.Combine(Repository.Root, "tests", "testbed", script), [Name, action])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DSSR_TESTBED_DIR"] = TestBed.Get("DSSR_TESTBED_DIR");
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{script} {Name} {action}: {errors}");
    }
}

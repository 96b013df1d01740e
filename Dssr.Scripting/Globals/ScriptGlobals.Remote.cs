using Dssr.Engine.Connectors;
using Dssr.Engine.Diagnostics;
using Dssr.Engine.Executors;
using Dssr.Engine.Remote;

namespace Dssr.Scripting.Globals;

/// <summary>The globals that reach the cluster (<c>Ssh</c>, <c>Diag</c>) and render job scripts (<c>Render</c>).</summary>
public partial class ScriptGlobals : IAsyncDisposable
{
    private readonly Dictionary<string, IRemoteShell> _ownShells = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs a command on the default cluster's login node as the service account, through the
    /// connector's own transport: <c>await Ssh("squeue", "-h", "-u", user)</c>. Arguments are quoted
    /// for the remote shell, one word each, in the one place that quotes.
    /// </summary>
    public Task<RemoteResult> Ssh(params string[] argv) => SshOn(Cluster().Name, argv);

    /// <summary><see cref="Ssh"/> on a named cluster.</summary>
    public Task<RemoteResult> SshOn(string cluster, params string[] argv)
    {
        if (argv.Length == 0) throw new ArgumentException("name the command to run, such as Ssh(\"sinfo\", \"--version\")");
        return ShellOf(cluster).RunAsync(RemoteCommand.Of(argv), Ct);
    }

    /// <summary>
    /// What a job would run: the sbatch arguments and the script, rendered from an upstream script
    /// (plain text, as <c>hpc_script</c> holds it once decoded) with this service's settings.
    /// </summary>
    public RenderedJob Render(string upstreamScript, string name = "20240101120000-ABCDE-repl-user_s1", long number = 1, int nodes = 1)
    {
        var settings = SingularitySettingsReader.Read(Host.Options.ClusterSettings);
        var hpc = new Dictionary<string, string> { [settings.Executor] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(upstreamScript)) };
        return JobRenderer.Render(new SubmitRequest(name, number, nodes, hpc, ""), settings);
    }

    /// <summary>The init report and the SSH checks of a cluster, as <c>dssr diag</c> prints them.</summary>
    public Task<ClusterDiagnosis> Diag(string? cluster = null)
    {
        var name = Cluster(cluster).Name;
        var ssh = SshSettingsReader.Read(Host.Options.ClusterSettings, Host.Options.StateDirectory)
            ?? throw new InvalidOperationException($"cluster {name} is not reached over SSH (JARVICE_SLURM_CLUSTER_ADDR is not set)");
        return ClusterDiagnostics.DiagnoseAsync(name, ssh, Host.Options.ClusterSettings, ct: Ct);
    }

    /// <summary>Closes the SSH connections the globals opened themselves (the connectors' stay theirs).</summary>
    public async ValueTask DisposeAsync()
    {
        List<IRemoteShell> shells;
        lock (_ownShells) { shells = [.. _ownShells.Values]; _ownShells.Clear(); }
        foreach (var shell in shells) await shell.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private IRemoteShell ShellOf(string cluster)
    {
        if (Cluster(cluster).Connector is IRemoteShellProvider provider) return provider.ServiceShell;
        lock (_ownShells)
        {
            if (_ownShells.TryGetValue(cluster, out var shell)) return shell;
            var ssh = SshSettingsReader.Read(Host.Options.ClusterSettings, Host.Options.StateDirectory)
                ?? throw new InvalidOperationException(
                    $"cluster {cluster} ({Cluster(cluster).ConnectorName}) is not reached over SSH: set JARVICE_SLURM_CLUSTER_ADDR and JARVICE_SLURM_SSH_USER");
            return _ownShells[cluster] = TransportFactory.Create(ssh);
        }
    }
}

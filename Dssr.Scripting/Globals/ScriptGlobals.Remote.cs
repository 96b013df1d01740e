using Dssr.Connectors.Slurm.Rendering;
using Dssr.Engine.Connectors;
using Dssr.Engine.Diagnostics;
using Dssr.Engine.Executors;
using Dssr.Engine.Remote;

namespace Dssr.Scripting.Globals;

/// <summary>
/// The globals that reach the cluster (<c>Ssh</c>, <c>Diag</c>) and render job scripts (<c>Render</c>). They
/// open no connection of their own: each goes through the cluster's shells, so its commands are in the command log.
/// </summary>
public partial class ScriptGlobals : IAsyncDisposable
{
    /// <summary>
    /// Runs a command on the default cluster's login node as the service account, through the
    /// cluster's own transport: <c>await Ssh("squeue", "-h", "-u", user)</c>. Arguments are quoted
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
    /// (plain text, as <c>hpc_script</c> holds it once decoded) with this service's settings. <c>.Plan</c> holds the
    /// named steps of a submit on the default cluster (its hooks run, nothing is submitted).
    /// </summary>
    public RenderedJob Render(string upstreamScript, string name = "20240101120000-ABCDE-repl-user_s1", long number = 1, int nodes = 1)
    {
        var settings = SingularitySettingsReader.Read(Host.Options.ClusterSettings);
        var hpc = new Dictionary<string, string> { [settings.Executor] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(upstreamScript)) };
        var request = new SubmitRequest(name, number, nodes, hpc, "");
        var job = JobRenderer.Render(request, settings);
        var plan = Cluster().Connector is Dssr.Connectors.Slurm.SlurmConnector slurm
            ? slurm.PlanAsync(request, null, Ct)
            : Dssr.Connectors.Slurm.Submit.SubmitPlanner.PlanAsync(request, settings, Dssr.Connectors.Slurm.Hooks.PreSubmitHooks.None, "<user>", Cluster().Name, Ct);
        // A script's globals are synchronous here; the plan runs no remote command, only the hooks.
        return job with { Plan = plan.GetAwaiter().GetResult() };
    }

    /// <summary>The init report and the checks of a cluster, as <c>dssr diag</c> prints them.</summary>
    public async Task<ClusterDiagnosis> Diag(string? cluster = null)
    {
        var target = Cluster(cluster);
        return await target.DiagnoseAsync(Ct)
            ?? throw new InvalidOperationException($"cluster {target.Name} is not reached over SSH ({target.ConnectorName} has no checks of its own)");
    }

    /// <summary>
    /// The tunnel of a running interactive job, by job id or upstream number, made if there is none: its URL, state,
    /// bytes each way and open connections (<c>(await Tunnel("31")).Url</c>).
    /// </summary>
    public async Task<Engine.Interactive.JobTunnel> Tunnel(string job, string? cluster = null)
    {
        var target = Cluster(cluster);
        if (target.Interactive is null) throw new InvalidOperationException($"cluster {target.Name} ({target.ConnectorName}) publishes no interactive jobs");
        var number = target.FindJob(job)?.Number
            ?? (long.TryParse(job, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
                : throw new ArgumentException($"'{job}' is neither a job id in the journal nor a job number", nameof(job)));
        var outcome = await target.TunnelOfNumberAsync(number, Ct)
            ?? throw new InvalidOperationException($"job {number} is not a running interactive job on {target.Name}");
        return outcome.Tunnel ?? throw new InvalidOperationException(outcome.NotReady);
    }

    /// <summary>Nothing of the globals' own to close: the shells belong to the clusters.</summary>
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private IRemoteShell ShellOf(string cluster)
    {
        var target = Cluster(cluster);
        if (!target.Shells.IsConfigured)
            throw new InvalidOperationException(
                $"cluster {cluster} ({target.ConnectorName}) is not reached over SSH: set JARVICE_BAREMETAL_CONNECTOR=slurm, JARVICE_SLURM_CLUSTER_ADDR and JARVICE_SLURM_SSH_USER");
        return target.Shells.Service;
    }
}

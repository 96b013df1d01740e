using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;
using Dssr.Engine.Observability;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>
/// The reconciliation view's safe fixes on the live service: an orphan job is cancelled through its cluster's
/// terminate (scancel on Slurm), as <c>/terminate</c> would; a job the cluster forgot gets a final state in the
/// journal, the one the original answers for a job its cluster does not know, so the upstream's next
/// <c>/exitstatus</c> has an answer and the row stops looking alive.
/// </summary>
internal sealed class ReconcileFixes
{
    /// <summary>What is recorded for a job whose end nobody saw: the state and exit code of a job the cluster does not know.</summary>
    public const string ForgottenState = "UNKNOWN";
    public const int ForgottenExitCode = -9;

    private readonly ServiceHost _host;

    public ReconcileFixes(ServiceHost host) => _host = host;

    /// <summary>A cluster's queue query is bounded by its own timeouts; this only guards against one that is not.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    public async Task<Reconciliation> RunAsync()
    {
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            return await Reconciler.RunAsync(_host.Clusters.All.ToList(), _host.Journal, TimeProvider.System, recording: null, limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"the reconciliation gave up after {RunLimit.TotalSeconds:0} s: a cluster's queue query did not end");
        }
    }

    public string Describe(ConsoleCommand fix, ReconciliationRow row)
    {
        var cluster = _host.Clusters.Find(row.Cluster);
        return fix == ConsoleCommand.CancelOrphan
            ? $"terminate of job {row.JobId} (jarvice_{row.Name}) on cluster {row.Cluster} through its {cluster?.ConnectorName ?? "?"} connector (on Slurm: scancel {row.JobId})"
            : $"a write to the {_host.Journal.Kind} journal: final state {ForgottenState}, exit code {ForgottenExitCode} for job {row.JobId} ({row.Name}:{row.Number}) on {row.Cluster}; nothing reaches the cluster";
    }

    public async Task<string> ApplyAsync(ConsoleCommand fix, ReconciliationRow row)
    {
        var cluster = _host.Clusters.Find(row.Cluster) ?? throw new InvalidOperationException($"no cluster {row.Cluster} any more");
        if (fix == ConsoleCommand.CancelOrphan)
        {
            // Checked again now: a row seen a while ago may have been adopted since (a retried submit found it).
            if (_host.Journal.FindByJobId(row.Cluster, row.JobId) is not null)
                throw new InvalidOperationException($"job {row.JobId} is in the journal now: not an orphan any more; r runs the reconciliation again");
            await cluster.TerminateAsync(new JobRef(row.Name, row.Number ?? 0, row.JobId), CancellationToken.None);
            return $"orphan job {row.JobId} on {row.Cluster} cancelled";
        }
        if (_host.Journal.FindByJobId(row.Cluster, row.JobId) is { FinalState: { } already })
            return $"job {row.JobId} already has its final state ({already})";
        _host.Journal.RecordFinal(row.Cluster, row.JobId, ForgottenState, ForgottenExitCode, DateTimeOffset.UtcNow);
        return $"job {row.JobId} on {row.Cluster}: final state {ForgottenState} recorded";
    }
}

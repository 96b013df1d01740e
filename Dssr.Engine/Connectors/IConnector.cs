using Dssr.Engine.Diagnostics;

namespace Dssr.Engine.Connectors;

/// <summary>
/// What every connector implements: the operations the legacy API forwards to a cluster.
/// One instance serves concurrent requests, so implementations must be thread-safe.
/// Expected failures are thrown as <see cref="InvalidInputException"/> (the caller's fault, 400)
/// or <see cref="ConnectorException"/> (the cluster's, 500).
/// </summary>
public interface IConnector : IAsyncDisposable
{
    /// <summary>Checks and prepares the cluster; the service answers /ready once this returns.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>The reachability probe behind /gc.</summary>
    Task<bool> IsReachableAsync(CancellationToken ct);

    Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct);

    /// <summary>Every job the cluster knows, in one query; cached and shared by the engine.</summary>
    Task<QueueSnapshot> QueryQueueAsync(CancellationToken ct);

    /// <summary>The /runstatus answer for a job, from a snapshot; null when the cluster does not know the job.</summary>
    RunStatus? RunStatus(QueueSnapshot snapshot, JobRef job);

    /// <summary>Final state, elapsed time and logs; also cleans up the job's files (after the answer is formed).</summary>
    Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct);

    Task TerminateAsync(JobRef job, CancellationToken ct);

    Task ReleaseAsync(JobRef job, CancellationToken ct);

    Task<string> EventsAsync(JobRef job, CancellationToken ct);

    Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct);

    /// <summary>
    /// The cluster's init report and its checks, each failure with its fix (<c>dssr diag</c>, the console, the
    /// REPL's <c>Diag()</c>). Null for a connector that has nothing to check beyond the service around it.
    /// </summary>
    Task<ClusterDiagnosis?> DiagnoseAsync(CancellationToken ct) => Task.FromResult<ClusterDiagnosis?>(null);
}

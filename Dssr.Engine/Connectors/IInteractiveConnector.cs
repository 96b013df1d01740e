using Dssr.Engine.Interactive;

namespace Dssr.Engine.Connectors;

/// <summary>
/// A connector whose interactive jobs serve a web page: it says where a running job's service listens and through
/// which forwarding it is reached. The engine opens the tunnel, probes it, publishes it through the job proxy and
/// answers <c>info</c> and <c>connect</c>.
/// </summary>
public interface IInteractiveConnector
{
    InteractiveSettings Interactive { get; }

    /// <summary>The job's service, read as the job's owner; null while the job has not published its port yet.</summary>
    Task<JobEndpoint?> LocateServiceAsync(JobRef job, CancellationToken ct);
}

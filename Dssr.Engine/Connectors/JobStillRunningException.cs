namespace Dssr.Engine.Connectors;

/// <summary>A state the caller should retry later, such as asking the exit status of a running job (500, as the original).</summary>
public sealed class JobStillRunningException : ConnectorException
{
    public JobStillRunningException(string jobId) : base($"job {jobId} is still running; ask again once it has ended") { }
}

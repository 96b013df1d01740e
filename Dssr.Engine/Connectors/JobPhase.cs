namespace Dssr.Engine.Connectors;

/// <summary>Where a job stands for the upstream: in /queued, in /running, or in neither (ended).</summary>
public enum JobPhase
{
    Queued,
    Running,
    Ended,
}

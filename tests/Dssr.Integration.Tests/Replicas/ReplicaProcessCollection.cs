namespace Dssr.Integration.Tests.Replicas;

/// <summary>Tests that run replicas as processes and stop the test bed's PostgreSQL: they run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReplicaProcessCollection
{
    public const string Name = "Replica processes on the test bed, alone";
}

namespace Dssr.Integration.Tests.Slurm;

/// <summary>
/// Tests that change what every squeue call sees (squeue made to fail), that count squeue calls, or that time
/// answers against a bound: they run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialSlurmCollection
{
    public const string Name = "Slurm test bed, alone";
}

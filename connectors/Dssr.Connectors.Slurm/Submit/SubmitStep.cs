namespace Dssr.Connectors.Slurm.Submit;

/// <summary>
/// One named step of the submit: it takes the submission (in <see cref="SubmitWork"/>), may change it, and returns its
/// one-line result. <see cref="Describe"/>, for a step that acts on the cluster, says what it would do without doing it.
/// </summary>
internal sealed record SubmitStep(string Name, Func<SubmitWork, CancellationToken, Task<string>> RunAsync, Func<SubmitWork, string>? Describe = null)
{
    public bool ActsOnCluster => Describe is not null;
}

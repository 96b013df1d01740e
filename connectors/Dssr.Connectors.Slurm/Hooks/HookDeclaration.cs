namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>A site hook: when it runs (<c>pre-submit</c>), its <c>.csx</c> file, whether its failure is only logged, and its time limit.</summary>
public sealed record HookDeclaration(string Stage, string Path, bool Optional, TimeSpan Timeout)
{
    public const string PreSubmit = "pre-submit";

    /// <summary>How the hook is named in messages: <c>pre-submit/account.csx</c>.</summary>
    public string Label => $"{Stage}/{System.IO.Path.GetFileName(Path)}";
}

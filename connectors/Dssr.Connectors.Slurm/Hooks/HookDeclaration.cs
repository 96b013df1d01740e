namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>A site hook: when it runs (<c>pre-submit</c>, <c>post-exit</c>), its <c>.csx</c> file, whether its failure is only logged, and its time limit.</summary>
public sealed record HookDeclaration(string Stage, string Path, bool Optional, TimeSpan Timeout)
{
    public const string PreSubmit = "pre-submit";
    public const string PostExit = "post-exit";

    /// <summary>How the hook is named in messages: <c>pre-submit/account.csx</c>.</summary>
    public string Label => $"{Stage}/{System.IO.Path.GetFileName(Path)}";

    /// <summary>What the hook's code sees, by stage.</summary>
    public Type GlobalsType => Stage == PostExit ? typeof(PostExitHook) : typeof(PreSubmitHook);
}

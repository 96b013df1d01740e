using Dssr.Engine.Remote;
using Dssr.Engine.Executors;
namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// A job ready for sbatch: its argv, the script sent on stdin, and <see cref="Fscript"/>, the same script
/// with every credential replaced by <c>&lt;redacted&gt;</c>, which is what may be returned, logged or shown.
/// <see cref="Script"/> and <see cref="TaskScript"/> hold credentials: send them, never print them.
/// </summary>
public sealed record RenderedJob(
    IReadOnlyList<string> SbatchArguments,
    string Script,
    string Fscript,
    string TaskScript,
    IReadOnlyList<string> Notes)
{
    /// <summary>An interactive job's password and token (in <see cref="Script"/>, redacted in <see cref="Fscript"/>); null for a batch job.</summary>
    public Dssr.Engine.Interactive.JobSecrets? Secrets { get; init; }

    /// <summary>The named steps a submit of this job would run, with what each changed (set by the REPL's <c>Render</c>); null when not planned.</summary>
    public Submit.SubmitPlan? Plan { get; init; }

    /// <summary>The sbatch command line as one line of shell text, for logs and the console.</summary>
    public string SbatchCommandLine => "sbatch " + ShellQuoting.Join(SbatchArguments);

    public override string ToString() => $"RenderedJob {{ {SbatchCommandLine} }}";
}

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
    /// <summary>The sbatch command line as one line of shell text, for logs and the console.</summary>
    public string SbatchCommandLine => "sbatch " + ShellQuoting.Join(SbatchArguments);

    public override string ToString() => $"RenderedJob {{ {SbatchCommandLine} }}";
}

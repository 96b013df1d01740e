using System.Text;
using System.Text.RegularExpressions;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// Variables a site gives a job: exported on the batch host before srun, which passes them to every task
/// (<c>--export=ALL</c>). Names are checked, values quoted, so neither can run anything.
/// </summary>
internal static partial class JobEnvironment
{
    public static string Exports(IReadOnlyDictionary<string, string> environment)
    {
        var sb = new StringBuilder("# Variables set by the site's submit hooks, written by Dssr\n");
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
            sb.Append("export ").Append(CheckName(name)).Append('=').Append(ShellQuoting.Quote(CheckValue(name, value))).Append('\n');
        return sb.ToString();
    }

    public static string CheckName(string name) =>
        Name().IsMatch(name) && !name.StartsWith("SLURM_", StringComparison.Ordinal) && name != SlurmWrapper.BodyVariable
            ? name
            : throw new InvalidInputException($"env.{Printable(name)}", "not a variable name a job may be given (letters, digits, _; not SLURM_*)");

    public static string CheckValue(string name, string value) =>
        value.Contains('\0') ? throw new InvalidInputException($"env.{name}", "a value cannot hold a NUL character") : value;

    private static string Printable(string s) => new(s.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}\\z")]
    private static partial Regex Name();
}

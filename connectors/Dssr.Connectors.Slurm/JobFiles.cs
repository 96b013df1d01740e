using System.Globalization;
using Dssr.Engine.Connectors;
using Dssr.Engine.Jobs;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// A job's files on the cluster (§4.9): <c>&lt;S&gt;.jarvice/&lt;name&gt;.out</c> (its output, as sbatch -o names it)
/// and <c>&lt;S&gt;.jarvice/jobs/&lt;jobid&gt;</c> (made by the upstream script). Relative paths start in the
/// owner's home, where ssh commands run. Names and ids are checked before they become paths.
/// </summary>
internal sealed class JobFiles
{
    private readonly string _scratch;

    public JobFiles(string scratchDir) => _scratch = scratchDir;

    public string Folder => $"{_scratch}.jarvice";

    public string Output(string name) => $"{Folder}/{CheckName(name)}.out";

    /// <summary>An interactive job's <c>&lt;node&gt; &lt;port&gt;</c> file (0600, written by the wrapper).</summary>
    public string ServiceFile(string name) => $"{Folder}/{CheckName(name)}.svc";

    /// <summary>An interactive job's URL template, copied from its image's /etc/NAE/url.txt when it has one.</summary>
    public string UrlFile(string name) => $"{Folder}/{CheckName(name)}.url";

    public string JobFolder(string jobId) => $"{Folder}/jobs/{CheckJobId(jobId)}";

    public RemoteCommand Tail(string name, int lines) =>
        RemoteCommand.Of("tail", "-n", lines.ToString(CultureInfo.InvariantCulture), "--", Output(name));

    /// <summary>Idempotent: <c>rm -f</c> of what is already gone succeeds.</summary>
    public RemoteCommand Remove(string name, string jobId, bool interactive = false) => interactive
        ? RemoteCommand.Of("rm", "-rf", "--", Output(name), JobFolder(jobId), ServiceFile(name), UrlFile(name))
        : RemoteCommand.Of("rm", "-rf", "--", Output(name), JobFolder(jobId));

    /// <summary>Slurm job ids are numbers; anything else never reaches a command.</summary>
    public static string CheckJobId(string jobId) =>
        jobId.Length is > 0 and <= 20 && jobId.All(char.IsAsciiDigit) ? jobId : throw new InvalidInputException("jobid", $"'{Printable(jobId)}' is not a Slurm job id (digits)");

    /// <summary>The one job name rule (<see cref="JobName"/>), so a name is one file in the folder and never an option.</summary>
    public static string CheckName(string name) =>
        JobName.IsValid(name) ? name : throw new InvalidInputException("name", $"'{Printable(name)}' is not a job name Dssr submits");

    private static string Printable(string s) => new(s.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

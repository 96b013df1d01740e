using System.Text.RegularExpressions;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// How a job ended, asked of the sources in order (§4.7, with the gaps closed):
/// <c>scontrol show job -o</c> while slurmctld still knows the job (MinJobAge after its end); then
/// <c>sacct</c> where accounting exists; then <c>sacct --completion</c> (the jobcomp log, which works without
/// slurmdbd); then the last state the journal recorded. sacct is asked for parsable output, so
/// <c>CANCELLED by 123</c> is never cut to <c>CANCELLED+</c> (which the original mapped to -9).
/// </summary>
internal static partial class JobEndQuery
{
    public static async Task<JobEnd?> AskAsync(IRemoteShell shell, string jobId, string? journalState, CancellationToken ct)
    {
        return await FromScontrolAsync(shell, jobId, ct).ConfigureAwait(false)
            ?? await FromSacctAsync(shell, jobId, completion: false, ct).ConfigureAwait(false)
            ?? await FromSacctAsync(shell, jobId, completion: true, ct).ConfigureAwait(false)
            ?? (journalState is { Length: > 0 } s ? new JobEnd(s, TimeSpan.Zero, "journal") : null);
    }

    public static RemoteCommand ScontrolCommand(string jobId) => RemoteCommand.Of("scontrol", "show", "job", "-o", jobId);

    /// <summary>Null when slurmctld no longer knows the job; a failure to ask at all is an error, not an answer.</summary>
    private static async Task<JobEnd?> FromScontrolAsync(IRemoteShell shell, string jobId, CancellationToken ct)
    {
        var result = await shell.RunAsync(ScontrolCommand(jobId), ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            if (result.Stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)) return null;
            throw new ConnectorException($"scontrol show job {jobId} failed: {OneLine(result.Stderr)}");
        }
        return ParseScontrol(result.Stdout);
    }

    public static JobEnd? ParseScontrol(string stdout)
    {
        var state = JobState().Match(stdout);
        if (!state.Success) return null;
        var name = JobName().Match(stdout);
        return new JobEnd(state.Groups[1].Value, SlurmElapsed.Parse(RunTime().Match(stdout).Groups[1].Value), "scontrol",
            name.Success ? name.Groups[1].Value : null);
    }

    public static RemoteCommand SacctCommand(string jobId, bool completion)
    {
        var argv = new List<string> { "sacct" };
        if (completion) argv.Add("--completion");
        else argv.Add("-X");
        argv.AddRange(["-n", "-P", "-j", jobId, "-o", "JobID,State,Elapsed"]);
        return new RemoteCommand(argv);
    }

    private static async Task<JobEnd?> FromSacctAsync(IRemoteShell shell, string jobId, bool completion, CancellationToken ct)
    {
        var result = await shell.RunAsync(SacctCommand(jobId, completion), ct).ConfigureAwait(false);
        // "accounting storage is disabled", no jobcomp file, or not allowed: this source has no answer.
        if (!result.Succeeded) return null;
        return ParseSacct(result.Stdout, jobId, completion ? "sacct --completion" : "sacct");
    }

    public static JobEnd? ParseSacct(string stdout, string jobId, string source)
    {
        // The last line for the job: a requeued job appears once per run, the latest last.
        JobEnd? found = null;
        foreach (var line in stdout.Split('\n'))
        {
            var fields = line.TrimEnd('\r').Split('|');
            if (fields.Length < 3 || fields[0].Trim() != jobId) continue;
            found = new JobEnd(fields[1].Trim(), SlurmElapsed.Parse(fields[2]), source);
        }
        return found;
    }

    internal static string OneLine(string text) => string.Join(" -- ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"(?:^|\s)JobState=(\S+)")]
    private static partial Regex JobState();

    // Job names hold no blanks (the renderer refuses them), so the next field ends it.
    [GeneratedRegex(@"(?:^|\s)JobName=(\S+)")]
    private static partial Regex JobName();

    [GeneratedRegex(@"(?:^|\s)RunTime=(\S+)")]
    private static partial Regex RunTime();
}

using System.Globalization;
using System.Text;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// <c>/request/&lt;name&gt;/&lt;number&gt;/&lt;jobid&gt;/&lt;method&gt;</c> for a Slurm job (§4.11), and <c>pvcls</c>.
/// Job methods act as the owner recorded in the journal.
/// </summary>
internal sealed class SlurmRequests
{
    public const int DefaultTailLines = 100;
    private readonly SlurmSettings _settings;
    private readonly ShellProvider _shells;
    private readonly JobFiles _files;
    private readonly Func<JobRef, CancellationToken, Task> _terminate;

    public SlurmRequests(SlurmSettings settings, ShellProvider shells, JobFiles files, Func<JobRef, CancellationToken, Task> terminate)
    {
        _settings = settings;
        _shells = shells;
        _files = files;
        _terminate = terminate;
    }

    public async Task<RequestResult> HandleAsync(RequestPath path, RequestQuery query, CancellationToken ct)
    {
        if (!path.IsJobPath)
        {
            if (path.Segments.Count == 1 && path.Method == "pvcls") return await PvclsAsync(query, ct).ConfigureAwait(false);
            throw new InvalidInputException("path", $"'{path.Raw}': expected <name>/<number>/<jobid>[/<method>] or pvcls");
        }
        var jobId = JobFiles.CheckJobId(path.JobId!);
        var job = new JobRef(path.JobName!, 0, jobId, path.Owner);
        switch (path.Method)
        {
            case "info": // batch only: no URL to offer
                return new RequestResult(200, RequestResult.Json, """{"about":"","actions":{},"help":"","url":""}""");
            case "tail":
                return await TailAsync(job, query, ct).ConfigureAwait(false);
            case "shutdown" or "abort":
                await _terminate(job, ct).ConfigureAwait(false);
                return RequestResult.Empty();
            case "screenshot": // batch jobs have no screen
                return RequestResult.Empty(404);
            case "signal":
                return await SignalAsync(job, query, ct).ConfigureAwait(false);
            default: // ping, connect, the three-segment call the upstream sends
                return RequestResult.Empty();
        }
    }

    /// <summary>SIGTSTP (20) unless the query names another; every process of the job, the batch step too.</summary>
    public const int DefaultSignal = 20;

    private async Task<RequestResult> SignalAsync(JobRef job, RequestQuery query, CancellationToken ct)
    {
        var signal = DefaultSignal;
        if (query.First("signal") is { } text
            && (!int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out signal) || signal is < 1 or > 64))
            throw new InvalidInputException("signal", $"'{text}' is not a signal number (1 to 64)");
        var number = signal.ToString(CultureInfo.InvariantCulture);
        var result = await _shells.For(job.Owner).RunAsync(RemoteCommand.Of("scancel", "-s", number, "--full", job.JobId), ct).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new ConnectorException($"scancel -s {number} --full {job.JobId} failed (exit {result.ExitCode}): {JobEndQuery.OneLine(result.Stderr)}");
        // Slurm signals every process of the job; there is no single pid to report.
        return new RequestResult(200, RequestResult.Json, $"{{\"pid\":0,\"signal\":{number}}}");
    }

    private async Task<RequestResult> TailAsync(JobRef job, RequestQuery query, CancellationToken ct)
    {
        var lines = DefaultTailLines;
        if (query.First("lines") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out lines) || lines < 1)
                throw new InvalidInputException("lines", $"'{text}' is not a line count (1 or more)");
            lines = Math.Min(lines, _settings.TailMaxLines);
        }
        // Streamed to a spool file, never held: 10,000 long lines are tens of megabytes.
        var spool = new TailSpool();
        try
        {
            var result = await _shells.For(job.Owner).StreamAsync(_files.Tail(job.Name, lines), spool, ct: ct).ConfigureAwait(false);
            var body = await spool.RewindAsync(ct).ConfigureAwait(false);
            // No output file yet (a pending job) or no output at all: 404, as the original.
            if (!result.Succeeded || body.Length == 0)
            {
                await spool.DisposeAsync().ConfigureAwait(false);
                return RequestResult.Empty(404);
            }
            return new RequestResult(200, "text/plain", null) { Body = body };
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<RequestResult> PvclsAsync(RequestQuery query, CancellationToken ct)
    {
        var folder = PvclsListing.Confine(query.First("path"), _settings.PvclsRoots);
        var listing = new StringBuilder();
        foreach (var command in PvclsListing.Commands(folder, PvclsListing.WantsDetails(query)))
        {
            var result = await _shells.Service.RunAsync(command, ct).ConfigureAwait(false);
            if (!result.Succeeded)
                return new RequestResult(401, "text/plain", JobEndQuery.OneLine(result.Stderr));
            listing.Append(result.Stdout);
        }
        return new RequestResult(200, "text/html", listing.ToString());
    }
}

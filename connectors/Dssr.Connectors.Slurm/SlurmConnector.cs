using Dssr.Connectors.Slurm.Diagnostics;
using Dssr.Connectors.Slurm.Hooks;
using Dssr.Connectors.Slurm.Rendering;
using Dssr.Connectors.Slurm.Submit;
using Dssr.Engine.Connectors;
using Dssr.Engine.Diagnostics;
using Dssr.Engine.Interactive;
using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// Runs the upstream's jobs on a Slurm cluster through its login node over SSH (cli interface): sbatch as
/// the job's mapped user with the script on stdin; one squeue per refresh for every list and status; scontrol,
/// sacct and the journal for how a job ended; scancel, scontrol release, tail and rm as the job's owner.
/// Every value reaches the remote shell as one argv word.
/// </summary>
public sealed class SlurmConnector : IConnector, IInteractiveConnector, IPostExitConnector, ISubmitStepSource
{
    private readonly ConnectorContext _context;
    private readonly SlurmSettings _settings;
    private readonly ShellProvider _shells;
    private readonly JobFiles _files;
    private readonly UserMapping? _mapping;
    private readonly BearerIdentity _identity;
    private readonly SlurmRequests _requests;
    private readonly Interactive.ServiceLocator _services;
    private readonly ILogger _log;
    private readonly PreSubmitHooks _preSubmit;
    private readonly PostExitHooks _postExit;
    private readonly SubmitPipeline _pipeline;

    /// <summary>The commands that each cost slurmctld one RPC (sacct asks slurmdbd; mkdir, cat and the like cost it nothing).</summary>
    private static readonly IReadOnlySet<string> ControllerCommands =
        new HashSet<string>(["squeue", "sbatch", "scancel", "scontrol", "sinfo", "srun", "salloc"], StringComparer.Ordinal);

    /// <param name="hooks">Compiles the cluster's <c>.csx</c> hooks; null when none may be declared.</param>
    public SlurmConnector(ConnectorContext context, IHookCompiler? hooks = null)
    {
        _context = context;
        _log = context.Logs.CreateLogger("connectors.slurm.connector");
        _settings = SlurmSettingsReader.Read(context.Settings, context.StateDirectory);
        _mapping = _settings.MappingFile is { } file ? UserMapping.Load(file) : null;
        _identity = new BearerIdentity(_settings.JwtClaim, _settings.JwtKeyFile);
        _shells = context.Shells;
        context.Load.ControllerCommands = ControllerCommands;
        _shells.Use(_settings.Ssh, AccountSettings);
        _files = new JobFiles(_settings.ScratchDir);
        _requests = new SlurmRequests(_settings, _shells, _files, TerminateAsync);
        _services = new Interactive.ServiceLocator(_shells, _files);
        Hooks = HookSettings.Read(context.Settings);
        _preSubmit = new PreSubmitHooks(Hooks, hooks, HookCacheDirectory(context), _log, HookSettings.Remote(context.Settings));
        _postExit = new PostExitHooks(Hooks, hooks, HookCacheDirectory(context), context.Logs.CreateLogger("connectors.slurm.hooks"));
        _pipeline = SubmitSteps.Pipeline(_settings.Singularity, _preSubmit, OwnerStepAsync, StageAsync, SbatchAsync, _log, _shells.For);
    }

    /// <summary>Where compiled hooks are kept: DSSR_SCRIPT_CACHE, as for scripts, else the cluster's state folder.</summary>
    private static string HookCacheDirectory(ConnectorContext context) =>
        context.Setting("DSSR_SCRIPT_CACHE") is { Length: > 0 } dir ? dir : Path.Combine(context.StateDirectory, "script-cache");

    /// <summary>The hooks declared for this cluster (dssr.yaml <c>hooks:</c>, or DSSR_HOOKS_DIR).</summary>
    public IReadOnlyList<HookDeclaration> Hooks { get; }

    /// <summary>The named steps of recent submits, by job name, for the console's job detail.</summary>
    public SubmitStepLog Steps { get; } = new();

    public SlurmSettings Settings => _settings;

    IReadOnlyList<string> ISubmitStepSource.SubmitSteps(string jobName) =>
        [.. Steps.Of(jobName).SelectMany(s => s.Diff.Select(d => "    " + d).Prepend(s.Line))];

    InteractiveSettings IInteractiveConnector.Interactive => _settings.Interactive;

    public Task<JobEndpoint?> LocateServiceAsync(JobRef job, CancellationToken ct) => _services.LocateAsync(job, ct);

    bool IPostExitConnector.HasPostExitWork => _postExit.Any;

    /// <summary>The cluster's post-exit hooks on the ended job (the engine calls this once per job); failures are logged.</summary>
    public Task RunPostExitAsync(JobRef job, ExitStatus status, CancellationToken ct) =>
        _postExit.RunAsync(PostExitHooks.Ended(job with { Owner = job.Owner ?? _shells.ServiceUser }, status, _context.ClusterName), ct);

    /// <summary>A mapped user's account: the service account's settings with that user's name and key.</summary>
    private SshSettings AccountSettings(string user)
    {
        var mapped = _mapping?.ByUser(user)
            ?? throw new ConnectorException($"job owner {user} is not in the user mapping any more; add it back to act on its jobs");
        return _settings.Ssh with { User = mapped.User, PrivateKey = mapped.Key };
    }

    public Task InitializeAsync(CancellationToken ct)
    {
        if (_mapping is null)
            _log.LogInformation("No user mapping file: every job runs as the service user {User}", _settings.Ssh.User);
        else
            _log.LogInformation("User mapping {File}: {Count} user(s)", _settings.MappingFile, _mapping.Count);
        if (_mapping is not null && !_identity.VerifiesSignatures)
            _log.LogWarning("{Variable} is not set: bearer tokens are decoded without checking their signature, so a forged token picks the account",
                SlurmSettingsReader.JwtKeyFile);
        // The report needs SSH round trips; it must not hold up /live or /ready.
        _ = Task.Run(() => LogInitReportAsync(ct), CancellationToken.None);
        if (Hooks.Count > 0) _ = Task.Run(() => { _preSubmit.Warm(); _postExit.Warm(); }, CancellationToken.None);
        // The service account's connection opens now, in the background: the first squeue or /gc joins it instead of paying for it.
        _ = Task.Run(() => ConnectEarlyAsync(ct), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task ConnectEarlyAsync(CancellationToken ct)
    {
        try
        {
            if (_shells.ServiceSession is { } ssh) await ssh.ConnectAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RemoteException or OperationCanceledException)
        {
            // The init report names the failure and its fix; the next command tries again.
        }
    }

    private async Task LogInitReportAsync(CancellationToken ct)
    {
        try
        {
            var diagnosis = await DiagnoseAsync(ct).ConfigureAwait(false);
            ClusterDiagnostics.Log(_log, diagnosis!);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning(" Init report failed: {Error}", e.Message);
        }
        catch (OperationCanceledException)
        {
            // The service is stopping.
        }
    }

    /// <summary>The original's init report and the checks of the login node, run through the cluster's own shells.</summary>
    public async Task<ClusterDiagnosis?> DiagnoseAsync(CancellationToken ct)
    {
        var checks = await SlurmChecks.RunAsync(_shells, ct).ConfigureAwait(false);
        return new ClusterDiagnosis(_context.ClusterName, _settings.Ssh.Destination, InitReport.Lines(_settings.Ssh, _context.Settings), checks);
    }

    /// <summary>A trivial command as the service user, bounded by the connect timeout so /gc answers in time.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        var limit = _settings.Ssh.ConnectTimeout;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(limit + TimeSpan.FromSeconds(1));
        try
        {
            var result = await _shells.Service.RunAsync(RemoteCommand.Of("true").WithTimeout(limit), bounded.Token).ConfigureAwait(false);
            return result.Succeeded;
        }
        catch (RemoteException e)
        {
            _log.LogWarning("Cluster unreachable: {Error}", e.Message);
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _log.LogWarning("Cluster unreachable: no answer within {Seconds} s", limit.TotalSeconds);
            return false;
        }
    }

    public async Task<SubmitResult> SubmitAsync(SubmitRequest request, CancellationToken ct)
    {
        var work = new SubmitWork(request, new Submission(request.Name, request.Number, _context.ClusterName)) { Interactive = Interactive(request) };
        var outcomes = new List<StepOutcome>();
        try
        {
            await _pipeline.RunAsync(work, outcomes, ct).ConfigureAwait(false);
        }
        catch (StepFailedException e)
        {
            outcomes.Add(e.Outcome);
            Steps.Keep(request.Name, outcomes);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException!);
        }
        Steps.Keep(request.Name, outcomes);
        var rendered = work.RenderedOrThrow;
        return new SubmitResult(work.Submission.JobId!, rendered.Fscript, work.Submission.User, rendered.Secrets);
    }

    /// <summary>The steps a submit of <paramref name="request"/> would run, run as far as they do not act on the cluster.</summary>
    public Task<SubmitPlan> PlanAsync(SubmitRequest request, string? user, CancellationToken ct) =>
        SubmitSteps.PlanAsync(request, _context.ClusterName, _settings.Singularity, _preSubmit, user ?? _shells.ServiceUser, Interactive(request), ct);

    private async Task<string> OwnerStepAsync(SubmitWork work, CancellationToken ct)
    {
        var owner = await OwnerAsync(work.Request.Bearer).ConfigureAwait(false);
        work.Submission = work.Submission with { User = owner };
        return owner;
    }

    private Task<string> StageAsync(SubmitWork work, CancellationToken ct)
    {
        // One round trip: the output folder is made by the same remote command, just before sbatch runs.
        var rendered = work.RenderedOrThrow;
        work.Command = new RemoteCommand(["sbatch", .. rendered.SbatchArguments]).WithStdin(rendered.Script).AfterMakingFolder(_files.Folder);
        return Task.FromResult(StageLine(_files.Folder));
    }

    internal static string StageLine(string folder) => $"mkdir -p {folder} (in sbatch's round trip)";

    private async Task<string> SbatchAsync(SubmitWork work, CancellationToken ct)
    {
        var rendered = work.RenderedOrThrow;
        foreach (var note in rendered.Notes) _log.LogInformation("{Note}", note);
        var owner = work.Submission.User;
        _log.LogInformation("Submitting job {Name}:{Number} via sbatch as {Owner}", work.Request.Name, work.Request.Number, owner);
        var sbatch = await _shells.For(owner).RunAsync(work.Command!, ct).ConfigureAwait(false);
        if (!sbatch.Succeeded)
            throw new ClusterRefusedException($"sbatch failed (exit {sbatch.ExitCode}): {JobEndQuery.OneLine(sbatch.Stderr)}");
        var jobId = SbatchOutput.JobId(sbatch.Stdout);
        work.Submission = work.Submission with { JobId = jobId };
        return jobId;
    }

    /// <summary>Fresh secrets and the files of the job, used only if its script says it is interactive.</summary>
    private InteractiveRendering Interactive(SubmitRequest request)
    {
        var i = _settings.Interactive;
        return new InteractiveRendering(JobSecrets.Generate(), i.PasswordEnv, i.TokenEnv,
            _files.ServiceFile(request.Name), _files.UrlFile(request.Name), JobsDomain.IngressPath(i.Domain, request.Number));
    }

    /// <summary>The Unix account a submit runs as: the mapped user of the token's email, or the service user without a mapping.</summary>
    private async Task<string> OwnerAsync(string bearer)
    {
        if (_mapping is null) return _shells.ServiceUser;
        var email = await _identity.EmailAsync(bearer).ConfigureAwait(false);
        return _mapping.ByMail(email)?.User
            ?? throw new InvalidInputException("bearer", "the token's user is not in the user mapping; ask the administrator to map it");
    }

    public async Task<QueueSnapshot> QueryQueueAsync(CancellationToken ct)
    {
        var result = await _shells.Service.RunAsync(SqueueSnapshot.Command(), ct).ConfigureAwait(false);
        // Never an empty list for a failed query: to the upstream that means every job has finished.
        if (!result.Succeeded)
            throw new ConnectorException($"squeue failed (exit {result.ExitCode}): {JobEndQuery.OneLine(result.Stderr)}");
        return new QueueSnapshot(_context.Clock.GetUtcNow(), SqueueSnapshot.Parse(result.Stdout));
    }

    /// <summary>Any state squeue still shows, as the original; a pending job has no node yet (<c>[""]</c>, the original's shape).</summary>
    public RunStatus? RunStatus(QueueSnapshot snapshot, JobRef job)
    {
        var entry = snapshot.Find(job.JobId);
        if (entry is null) return null;
        var nodes = entry.Nodes.Count > 0 ? entry.Nodes : [""];
        return new RunStatus(RunStatusNodes.Of(nodes), SlurmElapsed.Format(entry.Elapsed), $"{entry.Name}/{job.Number}/{entry.JobId}");
    }

    public async Task<ExitStatus> ExitStatusAsync(JobRef job, CancellationToken ct)
    {
        var jobId = JobFiles.CheckJobId(job.JobId);
        var output = _files.Output(job.Name);
        var end = await JobEndQuery.AskAsync(_shells.Service, jobId, job.LastState, ct).ConfigureAwait(false);
        if (end is not null && !end.IsFinal) throw new JobStillRunningException(jobId); // and nothing is deleted
        // Another job's id with this name would read and remove this name's files: refuse the mismatch.
        if (end?.JobName is { } slurmName && slurmName != SqueueSnapshot.JobNamePrefix + job.Name)
            throw new InvalidInputException("jobid", $"job {jobId} is {slurmName}, not {SqueueSnapshot.JobNamePrefix}{job.Name}");

        var state = end?.LongState ?? "UNKNOWN";
        var owner = _shells.For(job.Owner);
        var tail = await owner.RunAsync(_files.Tail(job.Name, _settings.LogLines), ct).ConfigureAwait(false);
        var logs = new[] { tail.Succeeded ? tail.Stdout : "", $"<< termination state: {state} -- see STDOUT for job errors >>" };
        var status = new ExitStatus(end?.ExitCode ?? -9, SlurmElapsed.Format(end?.Elapsed ?? TimeSpan.Zero), logs, state);
        _log.LogInformation("Job {JobId} ended {State} (from {Source}); removing {Output}", jobId, state, end?.Source ?? "nothing", output);

        // The answer is formed; the files go now. rm -rf of what is gone succeeds, so a retry is harmless.
        var removed = await owner.RunAsync(_files.Remove(job.Name, jobId, interactive: job.Secrets is not null), ct).ConfigureAwait(false);
        if (!removed.Succeeded)
            _log.LogWarning("Could not remove the files of job {JobId}: {Error}", jobId, JobEndQuery.OneLine(removed.Stderr));
        return status;
    }

    public async Task TerminateAsync(JobRef job, CancellationToken ct)
    {
        var jobId = JobFiles.CheckJobId(job.JobId);
        _log.LogInformation("Terminating job: {JobId}", jobId);
        var result = await _shells.For(job.Owner).RunAsync(RemoteCommand.Of("scancel", jobId), ct).ConfigureAwait(false);
        if (result.Succeeded || AlreadyOver(result.Stderr)) return;
        throw new ConnectorException($"scancel {jobId} failed (exit {result.ExitCode}): {JobEndQuery.OneLine(result.Stderr)}");
    }

    /// <summary>A job that already ended, or that Slurm forgot, has nothing left to cancel: terminate is done.</summary>
    private static bool AlreadyOver(string stderr) =>
        stderr.Contains("already completing or completed", StringComparison.OrdinalIgnoreCase) ||
        stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase);

    public async Task ReleaseAsync(JobRef job, CancellationToken ct)
    {
        var jobId = JobFiles.CheckJobId(job.JobId);
        var result = await _shells.For(job.Owner).RunAsync(RemoteCommand.Of("scontrol", "release", jobId), ct).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new ConnectorException($"scontrol release {jobId} failed (exit {result.ExitCode}): {JobEndQuery.OneLine(result.Stderr)}");
    }

    public async Task<string> EventsAsync(JobRef job, CancellationToken ct)
    {
        var jobId = JobFiles.CheckJobId(job.JobId);
        var result = await _shells.For(job.Owner).RunAsync(RemoteCommand.Of("scontrol", "show", "job", jobId), ct).ConfigureAwait(false);
        if (!result.Succeeded || result.Stdout.Trim().Length == 0)
            throw new ConnectorException($"scontrol show job {jobId} failed: {JobEndQuery.OneLine(result.Stderr)}");
        return result.Stdout;
    }

    public Task<RequestResult> RequestAsync(RequestPath path, RequestQuery query, CancellationToken ct) =>
        _requests.HandleAsync(path, query, ct);

    /// <summary>The shells belong to the cluster, which closes them.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

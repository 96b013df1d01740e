using Dssr.Connectors.Slurm.Submit;
using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// A cluster's <c>pre-submit</c> hooks, run in order on the submission. Each is compiled once (on first use, or by
/// <see cref="Warm"/> at start) and kept. A hook has a time limit; one that throws, times out or makes a change it may
/// not make fails the submit naming its file, line and limit, unless it is optional (then it is logged and skipped).
/// A hook that calls <c>Refuse</c> refuses the job: the upstream gets a 400 with its message.
/// </summary>
public sealed class PreSubmitHooks
{
    private readonly IReadOnlyList<(HookDeclaration Hook, Lazy<Func<object, Task>> Entry)> _hooks;
    private readonly ILogger _log;

    public PreSubmitHooks(IReadOnlyList<HookDeclaration> declared, IHookCompiler? compiler, string? cacheDirectory, ILogger log, RemoteHook? remote = null)
    {
        Remote = remote;
        AllDeclared = declared;
        _hooks = HookInvoker.Prepare(declared, HookDeclaration.PreSubmit, compiler, cacheDirectory);
        _log = log;
    }

    public static PreSubmitHooks None { get; } = new([], null, null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    public IReadOnlyList<HookDeclaration> Declared => _hooks.Select(h => h.Hook).ToList();

    /// <summary>Every hook the cluster declares, of every stage (a plan lists the post-exit ones too).</summary>
    public IReadOnlyList<HookDeclaration> AllDeclared { get; }

    /// <summary>The command run on the login node after the .csx hooks; null for none.</summary>
    public RemoteHook? Remote { get; }

    /// <summary>Compiles every hook now (in the background at start), so the first submit does not wait for Roslyn; errors are logged.</summary>
    public void Warm() => HookInvoker.Warm(_hooks, _log);

    /// <summary>Runs every hook on <paramref name="submission"/>; the changed submission and the one-line result.</summary>
    /// <param name="shellFor">The job user's shell, for the remote hook; null (a plan) leaves the remote hook out.</param>
    public async Task<(Submission Submission, string Result)> RunAsync(Submission submission, CancellationToken ct, Func<string, IRemoteShell>? shellFor = null)
    {
        if (_hooks.Count == 0 && Remote is null) return (submission, "no hooks");
        var results = new List<string>();
        foreach (var (hook, entry) in _hooks)
        {
            try
            {
                submission = await RunOneAsync(hook, entry, submission, ct).ConfigureAwait(false);
                results.Add($"{Path.GetFileName(hook.Path)} ok");
            }
            catch (HookFailedException e) when (hook.Optional)
            {
                _log.LogWarning("Optional hook failed, the submit goes on: {Error}", e.Message);
                results.Add($"{Path.GetFileName(hook.Path)} failed (optional)");
            }
        }
        if (Remote is not null)
        {
            if (shellFor is null) results.Add($"remote {Path.GetFileName(Remote.Argv[0])} (not run)");
            else
            {
                submission = await Remote.RunAsync(submission, shellFor(submission.User), ct).ConfigureAwait(false);
                results.Add($"remote {Path.GetFileName(Remote.Argv[0])} ok");
            }
        }
        return (submission, string.Join(", ", results));
    }

    private async Task<Submission> RunOneAsync(HookDeclaration hook, Lazy<Func<object, Task>> entry, Submission submission, CancellationToken ct)
    {
        var job = new HookJob(submission);
        try
        {
            await HookInvoker.RunAsync(hook, entry,
                token => new PreSubmitHook(job, m => _log.LogInformation("hook {Hook}: {Message}", hook.Label, m), token, hook.Path), ct).ConfigureAwait(false);
        }
        catch (HookRefusedException e)
        {
            throw new InvalidInputException($"hook {hook.Label}", e.Message);
        }

        var (changed, problem) = job.Apply(submission);
        return changed ?? throw new HookFailedException($"hook {hook.Label} ({hook.Path}): {problem}");
    }
}

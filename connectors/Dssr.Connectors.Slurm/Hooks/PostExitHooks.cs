using Dssr.Engine.Connectors;
using Microsoft.Extensions.Logging;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// A cluster's <c>post-exit</c> hooks, run in order once a job's final state is known. Each is compiled once and kept;
/// each has its time limit. A hook that fails is logged with its file and line and the next one runs: post-exit work
/// never changes the job's exit status.
/// </summary>
internal sealed class PostExitHooks
{
    private readonly IReadOnlyList<(HookDeclaration Hook, Lazy<Func<object, Task>> Entry)> _hooks;
    private readonly ILogger _log;

    public PostExitHooks(IReadOnlyList<HookDeclaration> declared, IHookCompiler? compiler, string? cacheDirectory, ILogger log)
    {
        _hooks = HookInvoker.Prepare(declared, HookDeclaration.PostExit, compiler, cacheDirectory);
        _log = log;
    }

    public bool Any => _hooks.Count > 0;

    /// <summary>Compiles every hook now (in the background at start); errors are logged.</summary>
    public void Warm() => HookInvoker.Warm(_hooks, _log);

    /// <summary>Runs every hook on the ended job; returns one result per hook (<c>file ok</c>, <c>file failed</c>).</summary>
    public async Task<IReadOnlyList<string>> RunAsync(EndedJob job, CancellationToken ct)
    {
        var results = new List<string>();
        foreach (var (hook, entry) in _hooks)
        {
            var file = Path.GetFileName(hook.Path);
            try
            {
                await HookInvoker.RunAsync(hook, entry,
                    token => new PostExitHook(job, m => _log.LogInformation("hook {Hook} (job {JobId}): {Message}", hook.Label, job.JobId, m), token, hook.Path),
                    ct).ConfigureAwait(false);
                results.Add($"{file} ok");
                _log.LogInformation("Post-exit hook {Hook} ran for job {JobId}", hook.Label, job.JobId);
            }
            catch (HookFailedException e)
            {
                results.Add($"{file} failed");
                _log.LogWarning("Post-exit hook failed for job {JobId} (its exit status stands): {Error}", job.JobId, e.Message);
            }
            catch (HookRefusedException e)
            {
                results.Add($"{file} failed");
                _log.LogWarning("Post-exit hook {Hook} cannot refuse an ended job {JobId}: {Error}", hook.Label, job.JobId, e.Message);
            }
        }
        return results;
    }

    /// <summary>The ended job as hooks see it.</summary>
    public static EndedJob Ended(JobRef job, ExitStatus status, string cluster) =>
        new(job.Name, job.Number, job.JobId, cluster, job.Owner, status.FinalState, status.ExitCode, status.Elapsed);
}

using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// Runs one compiled hook within its time limit. A hook that does not compile, throws or runs out of time is a
/// <see cref="HookFailedException"/> naming its file, line and limit; <see cref="HookRefusedException"/> passes through.
/// </summary>
internal static class HookInvoker
{
    /// <summary>How long a timed-out hook is given, once cancelled, to stop where it waits, so its line can be named.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    /// <param name="globals">What the hook sees, given the token cancelled when its time is up.</param>
    public static async Task RunAsync(HookDeclaration hook, Lazy<Func<object, Task>> entry, Func<CancellationToken, object> globals, CancellationToken ct)
    {
        Func<object, Task> run;
        try
        {
            run = entry.Value;
        }
        catch (HookCompileException e)
        {
            throw new HookFailedException($"hook {hook.Label} does not compile: {string.Join("; ", e.Errors)}", e);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var seen = globals(limit.Token);
        var task = Task.Run(() => run(seen), CancellationToken.None);
        try
        {
            await task.WaitAsync(hook.Timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await limit.CancelAsync().ConfigureAwait(false);
            Exception? stopped = null;
            try
            {
                await task.WaitAsync(Grace, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                stopped = e;
            }
            catch (TimeoutException)
            {
                // Still running: it does not watch Cancellation; its line cannot be known.
            }
            throw new HookFailedException($"hook {hook.Label} ({HookLines.Where(hook, stopped)}) did not finish within its time limit of {Seconds(hook.Timeout)} s");
        }
        catch (HookRefusedException)
        {
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new HookFailedException($"hook {hook.Label} failed at {HookLines.Where(hook, e)}: {e.GetType().Name}: {e.Message.Split('\n')[0]} (time limit {Seconds(hook.Timeout)} s)", e);
        }
    }

    /// <summary>The declared hooks of one stage, each compiled on first use (once) against that stage's globals.</summary>
    public static IReadOnlyList<(HookDeclaration Hook, Lazy<Func<object, Task>> Entry)> Prepare(
        IReadOnlyList<HookDeclaration> declared, string stage, IHookCompiler? compiler, string? cacheDirectory)
    {
        var mine = declared.Where(h => h.Stage == stage).ToList();
        if (mine.Count > 0 && compiler is null)
            throw new Dssr.Engine.Configuration.ConfigurationException($"{HookSettings.Dir}: hooks are declared but this program has no hook compiler");
        return [.. mine.Select(h => (h, new Lazy<Func<object, Task>>(() => compiler!.Compile(h.Path, h.GlobalsType, cacheDirectory))))];
    }

    /// <summary>Compiles every hook now, so the first use does not wait for Roslyn; errors are logged.</summary>
    public static void Warm(IEnumerable<(HookDeclaration Hook, Lazy<Func<object, Task>> Entry)> hooks, ILogger log)
    {
        foreach (var (hook, entry) in hooks)
        {
            try
            {
                _ = entry.Value;
            }
            catch (HookCompileException e)
            {
                log.LogError("Hook {Hook} does not compile: {Errors}", hook.Path, string.Join("; ", e.Errors));
            }
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}

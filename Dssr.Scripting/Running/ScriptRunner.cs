using Dssr.Scripting.Globals;

namespace Dssr.Scripting.Running;

/// <summary>
/// Runs a compiled script with the globals: exit code is the script's <c>int</c> return value
/// (0 when it returns nothing else), 1 when it throws, with a short error naming the exception.
/// </summary>
public static class ScriptRunner
{
    public static async Task<ScriptOutcome> RunAsync(CompiledScript script, ScriptGlobals globals, CancellationToken ct)
    {
        globals.BeginEvaluation(ct, globals.Out);
        try
        {
            var value = await script.RunAsync(globals).ConfigureAwait(false);
            await globals.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return new ScriptOutcome(value is int code ? code : 0, null);
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            return new ScriptOutcome(130, "cancelled", e);
        }
        catch (Exception e)
        {
            var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
            return new ScriptOutcome(1, $"{inner.GetType().Name}: {inner.Message.Split('\n')[0].TrimEnd('\r')}", inner);
        }
    }
}

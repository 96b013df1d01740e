using System.Diagnostics;
using System.Reflection;
using Dssr.Scripting.Formatting;
using Dssr.Scripting.Globals;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Dssr.Scripting.Repl;

/// <summary>
/// A C# REPL over the live service. Each submission continues the state of the previous one
/// (variables, methods, usings); an incomplete one asks for more; a running one is cancelled
/// through <c>Ct</c>, and one that ignores cancellation past the grace period is left behind and
/// the session replaced, keeping its variables. Roslyn keeps every submission's compilation alive
/// in the chain, so the session is also started afresh (variables kept) after
/// <see cref="ReplOptions.RecycleAfter"/> submissions. One evaluation at a time.
/// </summary>
public sealed class ReplSession
{
    private readonly ScriptGlobals _globals;
    private readonly CarriedVariables _carried = new();
    private readonly ReplHistory? _history;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _usings = [];
    private readonly object _startLock = new();
    private Task<ScriptState<object>>? _start;
    private ScriptState<object>? _state;
    private int _chained;

    public ReplSession(ScriptGlobals globals, ReplOptions? options = null, ReplHistory? history = null)
    {
        _globals = globals;
        _globals.Carried = _carried;
        _history = history;
        Options = options ?? ReplOptions.Default;
    }

    public ReplOptions Options { get; }

    private static readonly string[] WarmUpLines =
    [
        "await Task.FromResult(Clusters.All.Select(c => new { c.Name, c.IsReady }).ToList())",
        "Jobs.Recent(1).Select(j => j.JobId).FirstOrDefault()",
    ];
    public ScriptGlobals Globals => _globals;

    /// <summary>Submissions evaluated (compiled and run), whatever their outcome at run time.</summary>
    public int Evaluations { get; private set; }

    /// <summary>How many times the Roslyn session was started afresh (recycled, replaced or reset).</summary>
    public int Restarts { get; private set; }

    /// <summary>The variables in scope, latest declaration of each name.</summary>
    public IReadOnlyList<ScriptVariable> Variables =>
        _state is null ? [] : _state.Variables.GroupBy(v => v.Name).Select(g => g.Last()).Where(v => !v.Name.StartsWith('<')).ToList();

    /// <summary>
    /// Compiles and runs two trivial submissions in the background, so the first line typed does not
    /// pay for loading and JIT-compiling Roslyn. Safe to call more than once; evaluations wait for it.
    /// </summary>
    public Task WarmUpAsync() => StartAsync();

    private Task<ScriptState<object>> StartAsync()
    {
        lock (_startLock)
        {
            _start ??= Task.Run(async () =>
            {
                var state = await StartFreshAsync("").ConfigureAwait(false);
                // What a typical first line uses: await, a lambda, LINQ over the globals, a table of records.
                foreach (var code in WarmUpLines)
                {
                    _ = Submission.IsComplete(code);
                    state = await state.ContinueWithAsync<object>(code, ScriptDefaults.Options, _ => true).ConfigureAwait(false);
                    _ = ResultFormatter.Format(state.ReturnValue, Options.Limits);
                    _ = Submission.EndsInValue(state.Script.GetCompilation());
                }
                return state;
            });
            return _start;
        }
    }

    public async Task<ReplResult> EvaluateAsync(string code, CancellationToken ct = default)
    {
        if (ReplCommands.Parse(code) is { } command) return await RunCommandAsync(command).ConfigureAwait(false);
        if (code.Trim().Length == 0) return new ReplResult(ReplOutcome.Value, "");
        if (!Submission.IsComplete(code)) return new ReplResult(ReplOutcome.Incomplete, "");
        _history?.Add(code);

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var state = _state ??= await StartAsync().ConfigureAwait(false);
            string? notice = null;
            if (_chained >= Options.RecycleAfter)
            {
                notice = await ReplaceAsync(
                    $"the session was recycled after {_chained} submissions, to keep memory bounded").ConfigureAwait(false);
                state = _state!;
            }
            var result = await RunAsync(state, code, ct).ConfigureAwait(false);
            return notice is null ? result : result with { Notice = result.Notice is null ? notice : notice + "\n" + result.Notice };
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ReplResult> RunAsync(ScriptState<object> state, string code, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var output = new StringWriter();
        _globals.BeginEvaluation(cts.Token, TextWriter.Synchronized(output));
        var clock = Stopwatch.StartNew();
        // On the thread pool, so that a submission that never yields cannot hold the caller.
        var run = Task.Run(() => state.ContinueWithAsync<object>(code, ScriptDefaults.Options, _ => true, cts.Token), CancellationToken.None);

        if (!await CompletesAsync(run, ct).ConfigureAwait(false))
        {
            // The caller's token is cancelled, and so is Ct through the link: give the code time to notice.
            if (!await CompletesAsync(run.WaitAsync(Options.GracePeriod, CancellationToken.None), CancellationToken.None).ConfigureAwait(false)
                || !run.IsCompleted)
            {
                var notice = await ReplaceAsync(
                    $"the evaluation ignored cancellation for {Options.GracePeriod.TotalSeconds:0.#} s and was abandoned (it may still be running in the background)")
                    .ConfigureAwait(false);
                return new ReplResult(ReplOutcome.Abandoned, output.ToString(), notice, clock.Elapsed);
            }
        }

        ScriptState<object> next;
        try
        {
            next = await run.ConfigureAwait(false);
        }
        catch (CompilationErrorException e)
        {
            return new ReplResult(ReplOutcome.CompileError, string.Join('\n', e.Diagnostics.Select(d => d.ToString())), null, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return new ReplResult(ReplOutcome.Cancelled, "cancelled before it started", null, clock.Elapsed);
        }

        _state = next;
        _chained++;
        Evaluations++;
        _usings.AddRange(Submission.Usings(code));
        _globals.Last.Elapsed = clock.Elapsed;
        var printed = output.ToString();

        if (next.Exception is { } thrown)
        {
            var exception = Unwrap(thrown);
            _globals.Last.Exception = exception;
            if (exception is OperationCanceledException && cts.IsCancellationRequested)
                return new ReplResult(ReplOutcome.Cancelled, printed + "cancelled", null, clock.Elapsed);
            return new ReplResult(ReplOutcome.Exception,
                printed + $"{exception.GetType().Name}: {FirstLine(exception.Message)}  (Last.Exception has all of it)", null, clock.Elapsed);
        }

        var value = next.ReturnValue;
        if (value is Task task)
        {
            // A line returning a Task shows what the task gives, as `await` would (as other C# REPLs do).
            try
            {
                await task.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                return new ReplResult(ReplOutcome.Cancelled, printed + "cancelled", null, clock.Elapsed);
            }
            catch (Exception)
            {
                var exception = Unwrap(task.Exception ?? new AggregateException());
                _globals.Last.Exception = exception;
                return new ReplResult(ReplOutcome.Exception,
                    printed + $"{exception.GetType().Name}: {FirstLine(exception.Message)}  (Last.Exception has all of it)", null, clock.Elapsed);
            }
            printed = output.ToString();
            var resultType = task.GetType();
            while (resultType is not null && !(resultType.IsGenericType && resultType.GetGenericTypeDefinition() == typeof(Task<>)))
                resultType = resultType.BaseType;
            if (resultType is null || resultType.GetGenericArguments()[0].Name == "VoidTaskResult")
                return new ReplResult(ReplOutcome.Value, printed.TrimEnd('\n'), null, clock.Elapsed);
            value = resultType.GetProperty(nameof(Task<object>.Result))!.GetValue(task);
            _globals.Last.Value = value;
            return new ReplResult(ReplOutcome.Value, printed + ResultFormatter.Format(value, Options.Limits), null, clock.Elapsed);
        }
        if (value is null && !Submission.EndsInValue(next.Script.GetCompilation()))
            return new ReplResult(ReplOutcome.Value, printed.TrimEnd('\n'), null, clock.Elapsed);
        _globals.Last.Value = value;
        return new ReplResult(ReplOutcome.Value, printed + ResultFormatter.Format(value, Options.Limits), null, clock.Elapsed);
    }

    /// <summary>Starts a fresh Roslyn session carrying the variables and usings over; says what was kept.</summary>
    private async Task<string> ReplaceAsync(string reason)
    {
        var prelude = _carried.Prepare(_state, _usings);
        try
        {
            _state = await StartFreshAsync(prelude.Code).ConfigureAwait(false);
        }
        catch (CompilationErrorException)
        {
            _carried.Discard(prelude);
            // Should not happen (every carried type is checked to be nameable); start empty rather than fail.
            _state = await StartFreshAsync("").ConfigureAwait(false);
            return $"{reason}; a new session was started, but its variables could not be carried over";
        }
        _chained = 0;
        Restarts++;
        var kept = prelude.Kept.Count == 0 ? "no variables to keep" : "kept " + string.Join(", ", prelude.Kept);
        var dropped = prelude.Dropped.Count == 0 ? "" : $"; dropped {string.Join(", ", prelude.Dropped)} (their type was declared in the REPL)";
        return $"{reason}; a new session was started: {kept}{dropped}; methods and types declared earlier are gone";
    }

    private Task<ScriptState<object>> StartFreshAsync(string code)
    {
        _globals.BeginEvaluation(CancellationToken.None, TextWriter.Null);
        return CSharpScript.RunAsync<object>(code, ScriptDefaults.Options, _globals, typeof(ScriptGlobals));
    }

    private async Task<ReplResult> RunCommandAsync(ReplCommand command)
    {
        switch (command)
        {
            case ReplCommand.Help:
                return new ReplResult(ReplOutcome.Command, ScriptHelp.Text.TrimEnd());
            case ReplCommand.Vars:
                var vars = Variables.Select(v => new VariableRow(v.Name, TypeNames.CSharp(v.Type)?.Replace("global::", "") ?? v.Type.Name, v.Value)).ToList();
                return new ReplResult(ReplOutcome.Command, vars.Count == 0 ? "no variables yet" : ResultFormatter.Format(vars, Options.Limits));
            default:
                await _gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    _state = await StartFreshAsync("").ConfigureAwait(false);
                    _usings.Clear();
                    _chained = 0;
                    Restarts++;
                    return new ReplResult(ReplOutcome.Command, "a fresh session: variables, methods and usings are gone");
                }
                finally
                {
                    _gate.Release();
                }
        }
    }

    private static async Task<bool> CompletesAsync(Task task, CancellationToken ct)
    {
        try
        {
            await task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch when (task.IsCompleted)
        {
            // Faulted or cancelled: it did complete; the caller reads the outcome from the task.
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
        return true;
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => e,
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('\r');

    private sealed record VariableRow(string Name, string Type, object? Value);
}

using Dssr.Scripting.Repl;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>The REPL pane's engine: a <see cref="ReplSession"/> bound to the live service, and Roslyn's completion.</summary>
internal sealed class ScriptingReplEngine : IReplEngine
{
    private readonly ReplSession _session;
    private readonly ReplCompletion _completion;

    public ScriptingReplEngine(ReplSession session, ReplCompletion completion)
    {
        _session = session;
        _completion = completion;
    }

    public async Task<string?> EvaluateAsync(string code, CancellationToken ct)
    {
        var result = await _session.EvaluateAsync(code, ct);
        if (result.Outcome == ReplOutcome.Incomplete) return null;
        var text = result.Outcome == ReplOutcome.Cancelled && result.Text.Length == 0 ? "cancelled" : result.Text;
        return result.Notice is null ? text : $"{text}{(text.Length > 0 ? "\n" : "")}({result.Notice})";
    }

    public bool IsComplete(string code) => Submission.IsComplete(code);

    public async Task<(int Start, IReadOnlyList<string> Items)> CompleteAsync(string code, int position, CancellationToken ct)
    {
        var items = await _completion.CompleteAsync(code, position, ct);
        return (items.Start, items.Items);
    }

    public Task<IReadOnlyList<string>> SignaturesAsync(string code, int position, CancellationToken ct) =>
        _completion.SignaturesAsync(code, position, ct);
}

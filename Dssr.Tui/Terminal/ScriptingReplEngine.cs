using Dssr.Scripting.Repl;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>The REPL pane's engine: a <see cref="ReplSession"/> bound to the live service.</summary>
public sealed class ScriptingReplEngine : IReplEngine
{
    private readonly ReplSession _session;

    public ScriptingReplEngine(ReplSession session) => _session = session;

    public async Task<string?> EvaluateAsync(string code, CancellationToken ct)
    {
        var result = await _session.EvaluateAsync(code, ct);
        if (result.Outcome == ReplOutcome.Incomplete) return null;
        var text = result.Outcome == ReplOutcome.Cancelled && result.Text.Length == 0 ? "cancelled" : result.Text;
        return result.Notice is null ? text : $"{text}{(text.Length > 0 ? "\n" : "")}({result.Notice})";
    }
}

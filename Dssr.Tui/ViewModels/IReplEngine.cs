namespace Dssr.Tui.ViewModels;

/// <summary>What the REPL pane needs from a C# session: evaluate a submission, or say it is not complete yet.</summary>
public interface IReplEngine
{
    /// <summary>Null when the code is not a complete submission (the pane then reads another line).</summary>
    Task<string?> EvaluateAsync(string code, CancellationToken ct);
}

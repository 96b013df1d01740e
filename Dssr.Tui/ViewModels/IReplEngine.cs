namespace Dssr.Tui.ViewModels;

/// <summary>What the REPL pane needs from a C# session: evaluate, tell a complete submission, complete a word.</summary>
internal interface IReplEngine
{
    /// <summary>Null when the code is not a complete submission (the pane then reads another line).</summary>
    Task<string?> EvaluateAsync(string code, CancellationToken ct);

    /// <summary>True when Enter should evaluate: no block, string or statement is left open.</summary>
    bool IsComplete(string code);

    /// <summary>Where the word at <paramref name="position"/> starts, and what could complete it.</summary>
    Task<(int Start, IReadOnlyList<string> Items)> CompleteAsync(string code, int position, CancellationToken ct);

    /// <summary>The signatures of the call whose arguments hold the cursor; empty elsewhere.</summary>
    Task<IReadOnlyList<string>> SignaturesAsync(string code, int position, CancellationToken ct);
}

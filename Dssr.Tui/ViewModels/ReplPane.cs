namespace Dssr.Tui.ViewModels;

/// <summary>What the REPL pane holds: its output (bounded), the history, and whether an evaluation runs.</summary>
internal sealed class ReplPane
{
    private const int MaxOutput = 2000;

    public List<string> Output { get; } = ["C# REPL on the live service: #help lists the globals, :cluster NAME filters the queue; Enter evaluates a complete submission, Tab completes, Esc leaves, Ctrl+C cancels."];
    public ReplHistoryCursor History { get; } = new();
    public bool Evaluating { get; set; }

    /// <summary>Grows with every change of the output, so the view redraws only then.</summary>
    public long Version { get; private set; }

    public void Append(string text)
    {
        foreach (var line in text.Replace("\r", "").Split('\n')) Output.Add(line);
        if (Output.Count > MaxOutput) Output.RemoveRange(0, Output.Count - MaxOutput);
        Version++;
    }
}

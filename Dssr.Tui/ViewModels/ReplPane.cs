namespace Dssr.Tui.ViewModels;

/// <summary>What the REPL pane holds: its output (bounded), the line editor, and whether an evaluation runs.</summary>
public sealed class ReplPane
{
    private const int MaxOutput = 2000;

    public List<string> Output { get; } = ["C# REPL on the live service: #help lists the globals; Enter evaluates, Esc leaves, Ctrl+C cancels a running line."];
    public LineEditor Editor { get; } = new();
    public bool Evaluating { get; set; }

    public void Append(string text)
    {
        foreach (var line in text.Replace("\r", "").Split('\n')) Output.Add(line);
        if (Output.Count > MaxOutput) Output.RemoveRange(0, Output.Count - MaxOutput);
    }
}

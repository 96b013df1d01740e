namespace Dssr.Tui.Views;

/// <summary>What the REPL pane shows: its output lines and the line being edited.</summary>
public sealed class ReplPane
{
    public List<string> Output { get; } = ["The C# REPL is not part of this build yet; Esc returns to the previous view."];
    public string Input { get; set; } = "";
}

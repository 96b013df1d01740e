using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Dssr.Tui.Views;

/// <summary>
/// Renders a frame to the bytes written to the terminal: each line placed at its row and cleared to
/// the end, so nothing scrolls and nothing of the previous frame is left. Honours NO_COLOR.
/// </summary>
public sealed class FrameRenderer
{
    private readonly bool _color;

    public FrameRenderer(bool color) => _color = color;

    public static bool ColorWanted(IReadOnlyDictionary<string, string> env) =>
        !env.TryGetValue("NO_COLOR", out var v) || v.Length == 0;

    /// <summary>The frame as plain lines with ANSI styling, exactly one string per screen row.</summary>
    public IReadOnlyList<string> RenderLines(IReadOnlyList<IRenderable> lines, int width)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = _color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        var result = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            writer.GetStringBuilder().Clear();
            console.Write(line);
            result.Add(writer.ToString().TrimEnd('\n', '\r'));
        }
        return result;
    }

    public string ToTerminal(IReadOnlyList<string> rendered)
    {
        var sb = new StringBuilder("\u001b[?25l");
        for (var row = 0; row < rendered.Count; row++)
            sb.Append("\u001b[").Append(row + 1).Append(";1H").Append(rendered[row]).Append("\u001b[0m\u001b[K");
        return sb.ToString();
    }
}

using System.Text;

namespace Dssr.Scripting.Formatting;

/// <summary>Plain text columns padded to their widest cell, a dashed rule under the header.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select(h => h.Length).ToArray();
        foreach (var row in rows)
            for (var i = 0; i < widths.Length && i < row.Count; i++)
                widths[i] = Math.Max(widths[i], row[i].Length);
        var text = new StringBuilder();
        Line(text, header, widths);
        Line(text, widths.Select(w => new string('-', w)).ToList(), widths);
        foreach (var row in rows) Line(text, row, widths);
        return text.ToString().TrimEnd('\n');
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0) line.Append("  ");
            var cell = i < cells.Count ? cells[i] : "";
            line.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i]));
        }
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}

using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace Dssr.Tui.Views;

/// <summary>
/// Read-only lines, each in its own role: the theme's error colour for an alert, the focus colours for the
/// selection (a TextView has one colour for all its text). Scrolls only as far as needed to keep the lines the
/// model selected on screen.
/// </summary>
internal sealed class LinesView : View
{
    private IReadOnlyList<ScreenLine> _lines = [];
    private (int First, int Last) _keep = (-1, -1);
    private int _offset;

    public LinesView() => CanFocus = false;

    public IReadOnlyList<ScreenLine> Lines => _lines;

    /// <summary>The first line drawn at the top.</summary>
    public int Offset => _offset;

    /// <summary>Shows <paramref name="lines"/>; lines <paramref name="keepFirst"/> to <paramref name="keepLast"/> (when not negative) stay visible.</summary>
    public void Show(IReadOnlyList<ScreenLine> lines, int keepFirst = -1, int keepLast = -1)
    {
        if (lines.SequenceEqual(_lines) && _keep == (keepFirst, keepLast)) return;
        _lines = lines;
        _keep = (keepFirst, keepLast);
        SetNeedsDraw();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var height = Viewport.Height;
        var width = Viewport.Width;
        if (height <= 0 || width <= 0) return true;
        var (rows, first, last) = Layout(_lines, width, _keep);
        if (first >= 0)
        {
            if (last - _offset >= height) _offset = last - height + 1;
            if (first < _offset) _offset = first;
        }
        _offset = Math.Clamp(_offset, 0, Math.Max(0, rows.Count - height));
        var normal = GetAttributeForRole(VisualRole.Normal);
        var alert = SchemeManager.GetScheme(Schemes.Error).Normal;
        var selected = GetAttributeForRole(VisualRole.Focus);
        for (var y = 0; y < height; y++)
        {
            var i = _offset + y;
            var line = i < rows.Count ? rows[i] : default;
            SetAttribute(line.Role switch { LineRole.Alert => alert, LineRole.Selected => selected, _ => normal });
            var text = line.Text ?? "";
            AddStr(0, y, text.Length >= width ? text[..width] : text.PadRight(width));
        }
        return true;
    }

    /// <summary>The screen rows of the lines at <paramref name="width"/> (a wrapping line takes several), and where the kept lines start and end.</summary>
    public static (List<ScreenLine> Rows, int First, int Last) Layout(IReadOnlyList<ScreenLine> lines, int width, (int First, int Last) keep)
    {
        var rows = new List<ScreenLine>(lines.Count);
        var (first, last) = (-1, -1);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i == keep.First) first = rows.Count;
            var line = lines[i];
            var text = line.Text ?? "";
            if (!line.Wrap || text.Length <= width || width <= Indent.Length + 1) rows.Add(line);
            else
            {
                var (head, rest) = Cut(text, width);
                rows.Add(line with { Text = head });
                while (rest.Length > 0)
                {
                    (head, rest) = Cut(rest, width - Indent.Length);
                    rows.Add(line with { Text = Indent + head });
                }
            }
            if (i == keep.Last) last = rows.Count - 1;
        }
        return (rows, first, last);
    }

    private const string Indent = "    ";

    /// <summary>At most <paramref name="width"/> characters, cut after a space when there is one in the second half (else mid-word).</summary>
    private static (string Head, string Tail) Cut(string text, int width)
    {
        if (text.Length <= width) return (text, "");
        var space = text.LastIndexOf(' ', width);
        var at = space >= width / 2 ? space + 1 : width;
        return (text[..at].TrimEnd(), text[at..]);
    }
}

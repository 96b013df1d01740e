using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace Dssr.Tui.Views;

/// <summary>
/// Read-only lines, each in its own role: the theme's error colour for an alert, the focus colours for the
/// selection (a TextView has one colour for all its text). Scrolls only as far as needed to keep the lines the
/// model selected on screen.
/// </summary>
public sealed class LinesView : View
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
        if (_keep.First >= 0)
        {
            if (_keep.Last - _offset >= height) _offset = _keep.Last - height + 1;
            if (_keep.First < _offset) _offset = _keep.First;
        }
        _offset = Math.Clamp(_offset, 0, Math.Max(0, _lines.Count - height));
        var normal = GetAttributeForRole(VisualRole.Normal);
        var alert = SchemeManager.GetScheme(Schemes.Error).Normal;
        var selected = GetAttributeForRole(VisualRole.Focus);
        for (var y = 0; y < height; y++)
        {
            var i = _offset + y;
            var line = i < _lines.Count ? _lines[i] : default;
            SetAttribute(line.Role switch { LineRole.Alert => alert, LineRole.Selected => selected, _ => normal });
            var text = line.Text ?? "";
            AddStr(0, y, text.Length >= width ? text[..width] : text.PadRight(width));
        }
        return true;
    }
}

using System.Drawing;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Dssr.Tui.Views;

/// <summary>
/// The queue's table. A selection that moves by a row changes two lines of the screen, but the library
/// redraws a whole table on any change (every cell measured and written, and every cell sent to the
/// terminal again): told which rows changed, this table clips its next draw to those lines and skips
/// clearing the rest. Anything else (scrolling, new rows, a resize, a view above it clearing) draws it whole.
/// </summary>
internal sealed class QueueTable : TableView
{
    private Rectangle? _onlyLines;
    private Rectangle _drawnViewport;
    private bool _drawnWhole;

    /// <summary>The next draw may cover only these two rows (viewport lines): the selection moved from one to the other.</summary>
    public void RedrawOnlyRows(int from, int to)
    {
        var header = CurrentHeaderHeightVisible();
        int Line(int row) => header + row - RowOffset;
        var (a, b) = (Line(from), Line(to));
        if (!_drawnWhole || Math.Min(a, b) < header || Math.Max(a, b) >= Viewport.Height)
        {
            _onlyLines = null;
            return;
        }
        var lines = Rectangle.Union(new Rectangle(0, a, Viewport.Width, 1), new Rectangle(0, b, Viewport.Width, 1));
        _onlyLines = _onlyLines is { } earlier ? Rectangle.Union(earlier, lines) : lines;
    }

    /// <summary>The next draw is whole: what is on screen under the table may be gone (a view above it cleared).</summary>
    public void RedrawWhole()
    {
        _onlyLines = null;
        _drawnWhole = false;
    }

    private bool OnlyLines => _onlyLines is not null && _drawnWhole && Viewport == _drawnViewport;

    protected override bool OnClearingViewport() => OnlyLines || base.OnClearingViewport();

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var only = OnlyLines ? _onlyLines : null;
        _onlyLines = null;
        _drawnViewport = Viewport;
        _drawnWhole = true;
        if (only is not { } lines) return base.OnDrawingContent(context);
        var whole = GetClip();
        var clip = whole?.Clone() ?? new Region(ViewportToScreen(new Rectangle(Point.Empty, Viewport.Size)));
        clip.Intersect(ViewportToScreen(lines));
        SetClip(clip);
        try { return base.OnDrawingContent(context); }
        finally { SetClip(whole); }
    }
}

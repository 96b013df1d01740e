using System.Drawing;
using System.Reflection;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Dssr.Tui.Views;

/// <summary>
/// The queue's table. A selection that moves by a row changes two lines of the screen, but the library
/// redraws a whole table on any change (every cell measured and written, and every cell sent to the
/// terminal again): told which rows changed, this table draws only those rows, with the library's own row
/// drawing, and clears nothing else. Anything else (scrolling, new rows, a resize, a view above it
/// clearing) draws it whole.
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

    private bool OnlyLines => CanDrawRows && _onlyLines is not null && _drawnWhole && Viewport == _drawnViewport;

    /// <summary>
    /// Never cleared as a whole: the library's table draw clears each of its lines itself before writing it,
    /// so clearing the viewport first wrote every cell twice; a rows-only draw must keep the other rows.
    /// </summary>
    protected override bool OnClearingViewport() => true;

    // The library draws one row with these (private in 2.5.0: TableView.Drawing.cs); without them every draw is whole.
    private static readonly Type? ColumnToRender = typeof(TableView).Assembly.GetType("Terminal.Gui.Views.TableView+ColumnToRender");
    private static readonly MethodInfo? RenderRow = ColumnToRender is null ? null
        : typeof(TableView).GetMethod("RenderRow", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(int), typeof(int), ColumnToRender.MakeArrayType()]);
    private static readonly MethodInfo? Columns = typeof(TableView).GetMethod("NonHiddenCellInfos", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);

    /// <summary>Whether a moved selection can redraw two rows only (the library's row drawing was found).</summary>
    internal static bool CanDrawRows => RenderRow is not null && Columns is not null;

    /// <summary>How many draws covered only the changed rows (tests).</summary>
    internal int RowDraws { get; private set; }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var only = OnlyLines ? _onlyLines : null;
        _onlyLines = null;
        _drawnViewport = Viewport;
        _drawnWhole = true;
        if (only is not { } lines || Table is null) return base.OnDrawingContent(context);
        var columns = Columns!.Invoke(this, null);
        var header = CurrentHeaderHeightVisible();
        for (var line = lines.Top; line < lines.Bottom; line++)
        {
            var row = RowOffset + line - header;
            if (row >= 0 && row < Table.Rows) RenderRow!.Invoke(this, [line, row, columns]);
        }
        RowDraws++;
        return true;
    }
}

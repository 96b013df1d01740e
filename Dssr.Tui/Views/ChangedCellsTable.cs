using System.Drawing;
using System.Reflection;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Dssr.Tui.Views;

/// <summary>
/// The queue's and the clusters' table. The library redraws a whole table on any change, writing every cell three times
/// (the line cleared, the row's background, the cell), and each cell written costs a grapheme and width lookup per
/// character: about 40 ms of CPU for the queue at 120×40. An idle console changes only running jobs' elapsed times and
/// the clusters' data age every refresh, and a moved selection changes two rows; so this table draws only what changed, with the library's own
/// row and cell drawing, and clears nothing else. A scroll (the selection walking past the last line) shifts every line
/// by one row, but most cells of a line keep their text (cluster, state, node) and are left as they are. Anything else
/// (rows gone from the screen, a new column layout, a resize, a view above it clearing) draws it whole.
/// </summary>
internal sealed class ChangedCellsTable : TableView
{
    private Rectangle? _onlyLines;
    private bool _onlyCells;
    private Rectangle _drawnViewport;
    private bool _drawnWhole;
    private DrawnCells? _drawn;

    /// <summary>The next draw may cover only these two rows (viewport lines): the selection moved from one to the other.</summary>
    public void RedrawOnlyRows(int from, int to)
    {
        var header = CurrentHeaderHeightVisible();
        int Line(int row) => header + row - RowOffset;
        var (a, b) = (Line(from), Line(to));
        if (!_drawnWhole || Viewport.Y != _drawnViewport.Y || Math.Min(a, b) < header || Math.Max(a, b) >= Viewport.Height)
        {
            // The table scrolled: every line shows another row, compared cell by cell with what it shows now.
            _onlyLines = null;
            _onlyCells = _drawnWhole;
            return;
        }
        var lines = Rectangle.Union(new Rectangle(0, a, Viewport.Width, 1), new Rectangle(0, b, Viewport.Width, 1));
        _onlyLines = _onlyLines is { } earlier ? Rectangle.Union(earlier, lines) : lines;
    }

    /// <summary>The next draw may cover only the cells whose text changed (and rows whose selection changed): the rows were replaced.</summary>
    public void RedrawChangedCells()
    {
        if (_drawnWhole) _onlyCells = true;
    }

    /// <summary>The next draw is whole: what is on screen under the table may be gone (a view above it cleared).</summary>
    public void RedrawWhole()
    {
        _onlyLines = null;
        _onlyCells = false;
        _drawnWhole = false;
    }

    private bool SameScreen => _drawnWhole && Viewport == _drawnViewport;

    // The library scrolls the rows by moving the viewport's Y; lines compared cell by cell need only the same frame.
    private bool SameFrame => _drawnWhole && Viewport.Size == _drawnViewport.Size && Viewport.X == _drawnViewport.X;

    /// <summary>
    /// Never cleared as a whole: the library's table draw clears each of its lines itself before writing it,
    /// so clearing the viewport first wrote every cell twice; a partial draw must keep the rest.
    /// </summary>
    protected override bool OnClearingViewport() => true;

    // The library draws a row and a cell's text with these (private in 2.5.0: TableView.Drawing.cs); without them every draw is whole.
    private static readonly Type? ColumnToRender = typeof(TableView).Assembly.GetType("Terminal.Gui.Views.TableView+ColumnToRender");
    private static readonly MethodInfo? RenderRow = ColumnToRender is null ? null
        : typeof(TableView).GetMethod("RenderRow", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(int), typeof(int), ColumnToRender.MakeArrayType()]);
    private static readonly MethodInfo? Columns = typeof(TableView).GetMethod("NonHiddenCellInfos", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
    private static readonly MethodInfo? Representation = typeof(TableView).GetMethod("GetRepresentation", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(object), typeof(ColumnStyle)]);
    private static readonly MethodInfo? TruncateOrPad = typeof(TableView).GetMethod("TruncateOrPad", BindingFlags.Static | BindingFlags.NonPublic, [typeof(object), typeof(string), typeof(int), typeof(ColumnStyle)]);
    // As delegates: a draw reads every visible cell's text, and reflection's Invoke cost more than the text itself.
    private static readonly Func<TableView, object, ColumnStyle?, string>? RepresentationOf = DelegateTo<Func<TableView, object, ColumnStyle?, string>>(Representation);
    private static readonly Func<object, string, int, ColumnStyle?, string>? Fit = DelegateTo<Func<object, string, int, ColumnStyle?, string>>(TruncateOrPad);
    private static readonly PropertyInfo? ColumnIndex = ColumnToRender?.GetProperty("Column");
    private static readonly PropertyInfo? ColumnX = ColumnToRender?.GetProperty("X");
    private static readonly PropertyInfo? ColumnWidth = ColumnToRender?.GetProperty("Width");

    /// <summary>Whether a moved selection can redraw two rows only (the library's row drawing was found).</summary>
    internal static bool CanDrawRows => RenderRow is not null && Columns is not null;

    /// <summary>Whether replaced rows can redraw their changed cells only (the library's cell text and layout were found).</summary>
    internal static bool CanDrawCells => CanDrawRows && RepresentationOf is not null && Fit is not null
        && ColumnIndex is not null && ColumnX is not null && ColumnWidth is not null;

    /// <summary>How many draws covered only the changed rows (tests).</summary>
    internal int RowDraws { get; private set; }

    /// <summary>How many draws covered only the changed cells (tests).</summary>
    internal int CellDraws { get; private set; }

    /// <summary>How many cells the last draw of changed cells wrote (tests).</summary>
    internal int CellsWritten { get; private set; }

    /// <summary>How many draws covered the whole table (tests: an idle screen must not redraw it).</summary>
    internal int WholeDraws { get; private set; }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var lines = SameScreen ? _onlyLines : null;
        var cells = SameFrame && _onlyCells && CanDrawCells;
        _onlyLines = null;
        _onlyCells = false;
        _drawnViewport = Viewport;
        _drawnWhole = true;
        if (Table is null || Columns is null)
        {
            _drawn = null;
            return base.OnDrawingContent(context);
        }
        var columns = (Array)Columns.Invoke(this, null)!;
        var header = CurrentHeaderHeightVisible();
        if (cells && DrawChangedCells(columns, header))
        {
            CellDraws++;
            return true;
        }
        if (!cells && lines is { } only && CanDrawRows)
        {
            for (var line = only.Top; line < only.Bottom; line++)
            {
                var row = RowOffset + line - header;
                if (row >= 0 && row < Table.Rows) RenderRow!.Invoke(this, [line, row, columns]);
            }
            RowDraws++;
            Remember(columns, header);
            return true;
        }
        WholeDraws++;
        var drawn = base.OnDrawingContent(context);
        Remember(columns, header);
        return drawn;
    }

    /// <summary>
    /// Writes the cells whose text differs from what is on screen at their line (whichever row the line showed); a line
    /// whose selection changed is drawn whole. False (nothing written) when the layout, the header or the focus changed,
    /// or a line that showed a row shows none now: the caller draws everything.
    /// </summary>
    private bool DrawChangedCells(Array columns, int header)
    {
        var layout = Layout(columns);
        if (_drawn is not { } drawn || drawn.Header != header || drawn.Focused != HasFocus || !drawn.Layout.SequenceEqual(layout))
            return false;
        for (var line = header; line < Viewport.Height; line++)
        {
            var row = RowOffset + line - header;
            if ((row < 0 || row >= Table!.Rows) && drawn.Lines.ContainsKey(line)) return false;
        }
        var scheme = GetScheme();
        var selectedCell = Value?.SelectedCell;
        var written = 0;
        for (var line = header; line < Viewport.Height; line++)
        {
            var row = RowOffset + line - header;
            if (row < 0 || row >= Table!.Rows) continue;
            var texts = Texts(row, layout);
            var selected = IsSelected(0, row);
            var shown = drawn.Lines.GetValueOrDefault(line);
            if (shown is null || shown.Selected != selected)
            {
                RenderRow!.Invoke(this, [line, row, columns]);
                written += texts.Length;
            }
            else
            {
                var color = selected ? HasFocus ? scheme.Focus : scheme.Active : Enabled ? scheme.Normal : scheme.Disabled;
                for (var i = 0; i < texts.Length; i++)
                {
                    if (texts[i] == shown.Texts[i]) continue;
                    var (column, x, width) = drawn.Layout[i];
                    Move(x - Viewport.X, line);
                    RenderCell(color, texts[i], column == selectedCell?.X && row == selectedCell?.Y);
                    // The library pads a cell to one less than its width and paints the last one as the cell's background.
                    if (!Style.ShowVerticalCellLines && SeparatorSymbol == ' ' && x + width - 1 - Viewport.X < Viewport.Width)
                    {
                        SetAttribute(color);
                        Move(x + width - 1 - Viewport.X, line);
                        AddRune(' ');
                    }
                    written++;
                }
            }
            drawn.Lines[line] = new DrawnLine(texts, selected);
        }
        CellsWritten = written;
        return true;
    }

    /// <summary>What every visible line shows now, so the next draw of changed cells compares against it.</summary>
    private void Remember(Array columns, int header)
    {
        if (!CanDrawCells)
        {
            _drawn = null;
            return;
        }
        var layout = Layout(columns);
        var drawn = new DrawnCells(layout, header, HasFocus);
        for (var line = header; line < Viewport.Height; line++)
        {
            var row = RowOffset + line - header;
            if (row >= 0 && row < Table!.Rows) drawn.Lines[line] = new DrawnLine(Texts(row, layout), IsSelected(0, row));
        }
        _drawn = drawn;
    }

    private string[] Texts(int row, (int Column, int X, int Width)[] layout)
    {
        var texts = new string[layout.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            var (column, _, width) = layout[i];
            var style = Style.GetColumnStyleIfAny(column);
            var value = Table![row, column];
            texts[i] = Fit!(value, RepresentationOf!(this, value, style), width, style);
        }
        return texts;
    }

    private static (int Column, int X, int Width)[] Layout(Array columns)
    {
        var layout = new (int, int, int)[columns.Length];
        for (var i = 0; i < layout.Length; i++)
        {
            var info = columns.GetValue(i);
            layout[i] = ((int)ColumnIndex!.GetValue(info)!, (int)ColumnX!.GetValue(info)!, (int)ColumnWidth!.GetValue(info)!);
        }
        return layout;
    }

    /// <summary>The method as a delegate (an instance method takes its instance first); null when its signature changed.</summary>
    private static T? DelegateTo<T>(MethodInfo? method) where T : Delegate
    {
        if (method is null) return null;
        try { return (T)Delegate.CreateDelegate(typeof(T), method); }
        catch (ArgumentException) { return null; }
    }

    private sealed record DrawnLine(string[] Texts, bool Selected);

    private sealed record DrawnCells((int Column, int X, int Width)[] Layout, int Header, bool Focused)
    {
        public Dictionary<int, DrawnLine> Lines { get; } = [];
    }
}

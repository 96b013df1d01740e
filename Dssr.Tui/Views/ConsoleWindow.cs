using Dssr.Engine.Logging;
using Dssr.Tui.ViewModels;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

// TextView is marked obsolete in favour of a separate editor package that the feed does not serve.
#pragma warning disable CS0618

namespace Dssr.Tui.Views;

/// <summary>
/// The console's one window. Every key goes to the view models first (through <see cref="KeyMap"/>);
/// this class only shows the model: <see cref="Sync"/> copies what changed into the Terminal.Gui views,
/// and leaves a view alone (no redraw) when what it shows is the same.
/// </summary>
internal sealed class ConsoleWindow : Window
{
    private readonly ConsoleModel _model;
    private readonly ConsoleController _controller;
    private readonly LogBuffer _logs;
    private readonly Label _header = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly Label _message = new() { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1 };
    private readonly Label _keys = new() { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
    private readonly View _main = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2) };
    private readonly Label _clustersTitle = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly ClustersTableSource _clusterRows = new();
    private readonly Label _queueTitle = new() { X = 0, Width = Dim.Fill(), Height = 1 };
    private readonly QueueTableSource _queueSource;
    private readonly ChangedCellsTable _clusters;
    private readonly ChangedCellsTable _queue = new() { X = 0, Width = Dim.Fill(), FullRowSelect = true, MultiSelect = false };
    private readonly Label _logTitle = new() { X = 0, Width = Dim.Fill(), Height = 1, Text = "─ Log " };
    private readonly TextView _logTail = new() { X = 0, Width = Dim.Fill(), ReadOnly = true, CanFocus = false, WordWrap = false };
    private readonly View _detail = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2), Visible = false };
    private readonly TextView _detailText = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), ReadOnly = true, WordWrap = true }; // a failover's reason is read whole
    private readonly Label _outputTitle = new() { X = 0, Width = Dim.Fill(), Height = 1, Visible = false };
    private readonly TextView _outputText = new() { X = 0, Width = Dim.Fill(), Height = Dim.Fill(), ReadOnly = true, Visible = false };
    private readonly TextView _diagnostics = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2), ReadOnly = true, Visible = false };
    private readonly View _logsScreen = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2), Visible = false };
    private readonly Label _logsTitle = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly TextView _logsText = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(), ReadOnly = true };
    private readonly LinesView _load = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2), Visible = false };
    private readonly LinesView _reconcile = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2), Visible = false };
    private readonly TextView _help = new() { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(2), ReadOnly = true, Visible = false };
    private readonly ReplView _repl;

    // What each view shows now, so Sync touches only views whose content changed.
    private string? _shownHeader, _shownMessage, _shownKeys, _shownQueueTitle, _shownClustersTitle, _shownDiagnostics, _shownHelp, _shownOutputTitle, _shownLogsTitle;
    private IReadOnlyList<ClusterRow>? _shownClusters;
    private IReadOnlyList<QueueRow>? _shownQueue;
    private int _shownSelection = -1, _shownClusterSelection = -1;
    private long _shownLogVersion = -1, _shownLogsVersion = -1;
    private Serilog.Events.LogEventLevel _shownLevel;
    private JobDetail? _shownDetail;
    private string? _shownOutput;
    private bool? _shownWrap;
    private ConsoleMode? _shownMode;
    private bool _shownHelpVisible;
    private Dialog? _confirming;
    private bool _stopping;
    private (QueueColumn, bool) _shownSort;

    public ConsoleWindow(ConsoleModel model, ConsoleController controller, ReplPane pane, ReplController repl, LogBuffer logs, bool color)
    {
        _model = model;
        _controller = controller;
        _logs = logs;
        _queueSource = new QueueTableSource(model.Queue);
        BorderStyle = LineStyle.None;
        Width = Dim.Fill();
        Height = Dim.Fill();

        Clusters = _clusters = new ChangedCellsTable { X = 0, Y = 1, Width = Dim.Fill(), Height = 2, Table = _clusterRows, FullRowSelect = true, MultiSelect = false, CanFocus = false };
        _queue.Table = _queueSource;
        Queue = _queue;
        foreach (var table in new[] { Clusters, Queue })
        {
            table.CollectionNavigator = null; // else typing a letter jumps rows instead of reaching the key map
            table.Style.AlwaysShowHeaders = true;
            table.Style.ShowHorizontalHeaderOverline = false;
            table.Style.ShowHorizontalHeaderUnderline = false;
            table.Style.ShowHorizontalBottomLine = false;
            table.Style.ShowVerticalCellLines = false;
            table.Style.ShowVerticalHeaderLines = false;
            table.Style.ExpandLastColumn = true;
        }
        Clusters.Style.GetOrCreateColumnStyle(0).MinWidth = 12;
        Clusters.Style.GetOrCreateColumnStyle(1).MinWidth = 10;
        Queue.Style.GetOrCreateColumnStyle(0).MaxWidth = 48;
        Queue.MouseEvent += (_, m) => QueueMouse(m);
        _queueTitle.Y = Pos.Bottom(Clusters);
        Queue.Y = Pos.Bottom(_queueTitle);
        ApplyLogHeight();
        _main.FrameChanged += (_, _) => ApplyLogHeight();
        // Column widths are measured from the frame: measure again when it changes (first layout, resize).
        Queue.FrameChanged += (_, _) => Queue.Update();
        Clusters.FrameChanged += (_, _) => Clusters.Update();
        _main.Add(_clustersTitle, Clusters, _queueTitle, Queue, _logTitle, _logTail);
        // A view above the queue cleared the screen under it: its next draw is whole.
        ClearedViewport += (_, _) => { _queue.RedrawWhole(); _clusters.RedrawWhole(); };
        _main.ClearedViewport += (_, _) => { _queue.RedrawWhole(); _clusters.RedrawWhole(); };

        _outputTitle.Y = Pos.Percent(45);
        _outputText.Y = Pos.Bottom(_outputTitle);
        _detail.Add(_detailText, _outputTitle, _outputText);
        _logsScreen.Add(_logsTitle, _logsText);
        _repl = new ReplView(pane, repl, color) { X = 0, Y = 1, Height = Dim.Fill(2), Visible = false };
        Add(_header, _main, _detail, _diagnostics, _logsScreen, _load, _reconcile, _repl, _help, _message, _keys);
        foreach (var text in new[] { _logTail, _detailText, _outputText, _diagnostics, _logsText, _help }) Readable(text);
        foreach (var label in new[] { _header, _message, _keys, _clustersTitle, _queueTitle, _logTitle, _outputTitle, _logsTitle })
            label.HotKeySpecifier = NoHotKey; // job names have underscores: text, not hot keys
        Queue.SetFocus();
        Sync();
    }

    /// <summary>
    /// Unfocused, the library draws a read-only TextView in its read-only role, which the default theme
    /// makes the colour of its background: these views take the normal role's colours instead.
    /// </summary>
    internal static void Readable(TextView view)
    {
        var scheme = global::Terminal.Gui.Configuration.SchemeManager.GetScheme(Schemes.Base);
        view.SetScheme(new Scheme(scheme) { ReadOnly = scheme.Normal });
    }

    /// <summary>A character no text holds, so '_' stays text.</summary>
    public static readonly System.Text.Rune NoHotKey = new(0xFFFF);

    public TableView Queue { get; }
    public TableView Clusters { get; }
    public ReplView Repl => _repl;
    public TextView OutputView => _outputText;
    public TextView LogTail => _logTail;
    public bool Confirming => _confirming is not null;
    public LinesView LoadView => _load;
    public LinesView ReconcileView => _reconcile;

    private int _logHeight;

    /// <summary>The log tail takes a fifth of the body (2 to 8 lines); the queue the rest.</summary>
    private void ApplyLogHeight()
    {
        var height = Math.Clamp(_main.Frame.Height / 5, 2, 8);
        if (height == _logHeight) return;
        _logHeight = height;
        Queue.Height = Dim.Fill(height + 1);
        _logTitle.Y = Pos.AnchorEnd(height + 1);
        _logTail.Y = Pos.AnchorEnd(height);
        _logTail.Height = height;
    }

    /// <summary>
    /// A key, before any view sees it: the key map decides (Esc never quits the application; Ctrl+C is
    /// a key). In the REPL, keys the map does not take are text for the editor.
    /// </summary>
    public void OnKey(Key key)
    {
        if (key.Handled) return;
        var info = KeyTranslation.ToKeyInfo(key);
        if (_model.Mode == ConsoleMode.Repl && !_model.HelpVisible && _model.Confirmation is null)
        {
            var command = KeyMap.Map(_model, info);
            if (_repl.HandleCommand(command ?? (ConsoleCommand)(-1), key)) { key.Handled = true; Sync(); return; }
            if (command != ConsoleCommand.Back) return; // text and cursor moves: the editor's
        }
        _controller.ViewCommand = c => ViewCommand(c, key);
        _controller.Handle(info);
        key.Handled = true;
        Sync();
    }

    private void ViewCommand(ConsoleCommand command, Key key)
    {
        var target = _model.Mode == ConsoleMode.Logs ? _logsText : _outputText.Visible ? _outputText : _detailText;
        Key? move = command switch
        {
            ConsoleCommand.Up => Key.CursorUp,
            ConsoleCommand.Down => Key.CursorDown,
            ConsoleCommand.PageUp => Key.PageUp,
            ConsoleCommand.PageDown => Key.PageDown,
            ConsoleCommand.Home => Key.Home.WithCtrl,
            ConsoleCommand.End => Key.End.WithCtrl,
            _ => null,
        };
        if (move is { } k) target.NewKeyDownEvent(k);
        else _repl.HandleCommand(command, key);
    }

    private void QueueMouse(Mouse m)
    {
        if (m.Flags.HasFlag(MouseFlags.WheeledDown)) _model.Queue.Move(3);
        else if (m.Flags.HasFlag(MouseFlags.WheeledUp)) _model.Queue.Move(-3);
        else if (m.IsSingleDoubleOrTripleClicked && m.Position is { } p)
        {
            var cell = Queue.ScreenToCell(p.X, p.Y, out int? header);
            if (header is { } column && column >= 0) _model.Queue.SortBy((QueueColumn)column);
            else if (cell is { } c)
            {
                _model.Queue.MoveTo(c.Y);
                _model.Focus = ConsoleFocus.Queue;
                if (m.IsDoubleClicked) _controller.Execute(ConsoleCommand.Open);
            }
        }
        else return;
        m.Handled = true;
        Sync();
    }

    /// <summary>Copies the model into the views; a view whose content did not change is not touched (no redraw).</summary>
    public void Sync()
    {
        if (_model.QuitRequested)
        {
            // Once: the timer and late background work call Sync while the application stops.
            if (_confirming is { } dialog) App?.RequestStop(dialog);
            else if (!_stopping)
            {
                _stopping = true;
                App?.RequestStop(this);
            }
            return;
        }
        Set(_header, ref _shownHeader, ScreenText.Header(_model.Header));
        Set(_message, ref _shownMessage, _model.FilterInput is not null
            ? "filter (regular expression, case-insensitive): /" + _model.FilterInput
            : _model.Message ?? "");
        Set(_keys, ref _shownKeys, ScreenText.Keys(_model));

        var mode = _model.HelpVisible ? (ConsoleMode?)null : _model.Mode;
        if (_shownMode != mode || _shownHelpVisible != _model.HelpVisible)
        {
            _shownMode = mode;
            _shownHelpVisible = _model.HelpVisible;
            _queue.RedrawWhole();
            _clusters.RedrawWhole();
            _main.Visible = mode == ConsoleMode.Main;
            _detail.Visible = mode == ConsoleMode.Detail;
            _diagnostics.Visible = mode == ConsoleMode.Diagnostics;
            _logsScreen.Visible = mode == ConsoleMode.Logs;
            _repl.Visible = mode == ConsoleMode.Repl;
            _load.Visible = mode == ConsoleMode.Load;
            _reconcile.Visible = mode == ConsoleMode.Reconcile;
            _help.Visible = mode is null;
            if (mode == ConsoleMode.Repl) _repl.Input.SetFocus();
            else if (mode == ConsoleMode.Main) Queue.SetFocus();
        }
        if (_model.HelpVisible) Set(_help, ref _shownHelp, ScreenText.Help(_model));
        switch (_model.Mode)
        {
            case ConsoleMode.Main: SyncMain(); break;
            case ConsoleMode.Detail: SyncDetail(); break;
            case ConsoleMode.Diagnostics:
                var text = ScreenText.Diagnostics(_model);
                if (text != _shownDiagnostics) { _shownDiagnostics = text; _diagnostics.Text = text; }
                break;
            case ConsoleMode.Logs: SyncLogs(); break;
            case ConsoleMode.Repl: _repl.Sync(); break;
            case ConsoleMode.Load: _load.Show(LoadText.Lines(_model)); break;
            case ConsoleMode.Reconcile:
                var (lines, first, last) = ReconcileText.Lines(_model);
                _reconcile.Show(lines, first, last);
                break;
        }
        if (_confirming is { } open && _model.Confirmation is null) App?.RequestStop(open);
        else if (_model.Confirmation is { } question && _confirming is null) Confirm(question);
    }

    private void SyncMain()
    {
        Set(_clustersTitle, ref _shownClustersTitle, ScreenText.ClustersTitle(_model));
        if (_shownClusters is null || !_shownClusters.SequenceEqual(_model.Clusters))
        {
            var heightChanged = _shownClusters?.Count != _model.Clusters.Count;
            _shownClusters = _model.Clusters;
            _clusterRows.Items = _model.Clusters;
            if (heightChanged) Clusters.Height = 1 + Math.Clamp(_model.Clusters.Count, 1, 4);
            Clusters.Update();
            // Every second the data age moves: the same rows, a cell or two of new text.
            if (heightChanged) _clusters.RedrawWhole();
            else _clusters.RedrawChangedCells();
        }
        var clusterSelection = _model.Focus == ConsoleFocus.Clusters ? _model.SelectedCluster : -1;
        if (clusterSelection != _shownClusterSelection)
        {
            _shownClusterSelection = clusterSelection;
            if (clusterSelection >= 0 && _model.Clusters.Count > 0) Clusters.SetSelection(0, Math.Min(clusterSelection, _model.Clusters.Count - 1), false, null);
            Clusters.SetNeedsDraw();
        }
        Set(_queueTitle, ref _shownQueueTitle, ScreenText.QueueTitle(_model));
        var q = _model.Queue;
        var sort = (q.SortColumn, q.Descending);
        if (sort != _shownSort)
        {
            _shownSort = sort;
            _shownQueue = null; // the column titles carry the sort arrow
        }
        var updated = false;
        if (!ReferenceEquals(_shownQueue, q.Visible))
        {
            // The rows or their order changed; redraw only when the rows on screen are not the same.
            var visibleBefore = _shownQueue is null ? null : VisibleRows(_shownQueue);
            var countChanged = _shownQueue?.Count != q.Visible.Count;
            _shownQueue = q.Visible;
            if (countChanged || visibleBefore is null)
            {
                Queue.Update();
                _queue.RedrawWhole();
                updated = true;
            }
            else if (!visibleBefore.SequenceEqual(VisibleRows(q.Visible)))
            {
                // Running jobs' elapsed times: the same rows with new text in a few cells.
                Queue.Update();
                _queue.RedrawChangedCells();
                updated = true;
            }
        }
        if (q.SelectedIndex != _shownSelection || Queue.Value?.SelectedCell.Y != q.SelectedIndex)
        {
            // The table keeps its selection by index; the model keeps it by job id: the model wins.
            var before = Queue.Value?.SelectedCell.Y ?? -1;
            _shownSelection = q.SelectedIndex;
            if (q.Visible.Count > 0) Queue.SetSelection(0, q.SelectedIndex, false, null);
            Queue.EnsureCursorIsVisible();
            Queue.SetNeedsDraw();
            // Only the row left and the row reached look different, unless the rows changed or the table scrolled.
            // Replaced rows are compared cell by cell, the selection included.
            if (before < 0) _queue.RedrawWhole();
            else if (!updated) _queue.RedrawOnlyRows(before, q.SelectedIndex);
        }
        if (_logs.Version != _shownLogVersion || _model.LogLevel != _shownLevel)
        {
            _shownLogVersion = _logs.Version;
            _shownLevel = _model.LogLevel;
            _logTail.Text = string.Join("\n", _logs.Tail(8, _model.LogLevel).Select(l => l.Text));
            ShowLastLine(_logTail);
        }
    }

    private IEnumerable<QueueRow> VisibleRows(IReadOnlyList<QueueRow>? rows)
    {
        if (rows is null) return [];
        var start = Math.Max(0, Queue.RowOffset);
        return rows.Skip(start).Take(Math.Max(1, Queue.Viewport.Height));
    }

    private void SyncDetail()
    {
        if (_model.Detail is not { } d) return;
        if (!ReferenceEquals(_shownDetail?.Row, d.Row) || _shownDetail?.Record != d.Record)
        {
            _detailText.Text = ScreenText.Detail(d);
            _shownOutput = null;
        }
        _shownDetail = d;
        var following = d.Output is not null;
        if (_outputText.Visible != following)
        {
            _outputText.Visible = _outputTitle.Visible = following;
            _detailText.Height = following ? Dim.Percent(45) : Dim.Fill();
        }
        if (!following) return;
        Set(_outputTitle, ref _shownOutputTitle, ScreenText.OutputTitle(_model));
        if (_shownWrap != _model.OutputWrap)
        {
            _shownWrap = _model.OutputWrap;
            _outputText.WordWrap = _model.OutputWrap;
        }
        if (!_model.OutputPaused && d.Output != _shownOutput)
        {
            _shownOutput = d.Output;
            _outputText.Text = d.Output!.TrimEnd('\n');
            _outputText.MoveEnd();
        }
    }

    private void SyncLogs()
    {
        Set(_logsTitle, ref _shownLogsTitle, $"─ Log ({Engine.Configuration.LogLevels.PythonName(_model.LogLevel)} and above) ");
        if (_logs.Version == _shownLogsVersion && _model.LogLevel == _shownLevel) return;
        _shownLogsVersion = _logs.Version;
        _shownLevel = _model.LogLevel;
        _logsText.Text = string.Join("\n", _logs.Tail(2000, _model.LogLevel).Select(l => l.Text));
        ShowLastLine(_logsText);
    }

    /// <summary>Scrolls to the last line, at its start (MoveEnd alone scrolls a long line sideways).</summary>
    private static void ShowLastLine(TextView view)
    {
        view.MoveEnd();
        view.InsertionPoint = new System.Drawing.Point(0, Math.Max(0, view.Lines - 1));
    }

    /// <summary>The question in a modal dialog, with the exact request that y sends.</summary>
    private void Confirm(Confirmation question)
    {
        if (App is null) return;
        Button no = new() { Text = "_No" }, yes = new() { Text = "_Yes" };
        var width = Math.Max(20, (App.Screen.Width * 9 / 10) - 4);
        var text = Wrap(question.Question, width) + "\n" + Wrap("It sends: " + question.Command, width); // the prefix counts in the width
        // As tall as the text: a long request is read whole (frame, padding and buttons take 7 lines).
        var height = Math.Clamp(text.Split('\n').Length + 7, 10, Math.Max(10, App.Screen.Height));
        using var dialog = new Dialog { Title = DialogTitle(question.OnYes), Width = Dim.Percent(90), Height = height, Buttons = [no, yes] };
        dialog.Add(new Label
        {
            X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(1), HotKeySpecifier = NoHotKey, Text = text,
        });
        no.Accepting += (_, e) => { e.Handled = true; _controller.Execute(ConsoleCommand.No); Sync(); };
        yes.Accepting += (_, e) => { e.Handled = true; _controller.Execute(ConsoleCommand.Yes); Sync(); };
        _confirming = dialog;
        try { App.Run(dialog); }
        finally { _confirming = null; }
        if (_model.Confirmation is not null) { _controller.Execute(ConsoleCommand.No); }
        Sync();
    }

    private static string DialogTitle(ConsoleCommand action) => action switch
    {
        ConsoleCommand.CancelOrphan => "Cancel an orphan job",
        ConsoleCommand.RecordFinal => "Record a final state",
        _ => action.ToString(),
    };

    private static string Wrap(string text, int width) =>
        string.Join("\n", Enumerable.Range(0, (text.Length + width - 1) / width).Select(i => text.Substring(i * width, Math.Min(width, text.Length - i * width))));

    private static void Set(View view, ref string? shown, string text)
    {
        if (text == shown) return;
        shown = text;
        view.Text = text;
    }
}

using Dssr.Tui.ViewModels;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;

// TextView is marked obsolete in favour of a separate editor package that the feed does not serve.
#pragma warning disable CS0618

namespace Dssr.Tui.Views;

/// <summary>
/// The REPL pane: results in a scrolling view above; below, a multi-line editor with C# colouring,
/// a completion popup (Tab) from Roslyn, signature help, and the history (Up on the first line, Down
/// on the last, Ctrl+R searches). Enter evaluates only a complete submission, else adds a line.
/// </summary>
internal sealed class ReplView : View
{
    private readonly ReplPane _pane;
    private readonly ReplController _controller;
    private readonly bool _color;
    private readonly Label _title = new() { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
    private readonly Label _hint = new() { X = 0, Y = Pos.AnchorEnd(6), Width = Dim.Fill(), Height = 1 };
    private readonly ListView _popup = new() { Visible = false, Width = 40, Height = 8, CanFocus = false };
    private readonly List<string> _popupItems = [];
    private IReadOnlyList<CodeKind[]> _kinds = [];
    private long _shownVersion = -1;
    private bool _shownEvaluating;
    private int _completionStart;
    private string? _search;
    private CancellationTokenSource? _completing;

    public ReplView(ReplPane pane, ReplController controller, bool color)
    {
        _pane = pane;
        _controller = controller;
        _color = color;
        Width = Dim.Fill();
        Height = Dim.Fill();
        CanFocus = true;
        Output = new TextView { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(7), ReadOnly = true, WordWrap = true, CanFocus = false };
        Input = new TextView { X = 0, Y = Pos.AnchorEnd(5), Width = Dim.Fill(), Height = 5, TabKeyAddsTab = false };
        ConsoleWindow.Readable(Output);
        Input.ContentsChanged += (_, _) => _kinds = CSharpHighlighter.Classify(Input.Text);
        Input.DrawNormalColor += (_, e) => Colour(e);
        _popup.SetSource(new System.Collections.ObjectModel.ObservableCollection<string>());
        _title.HotKeySpecifier = _hint.HotKeySpecifier = ConsoleWindow.NoHotKey;
        Add(_title, Output, _hint, Input, _popup);
    }

    public TextView Output { get; }
    public TextView Input { get; }
    public bool PopupVisible => _popup.Visible;
    public IReadOnlyList<string> PopupItems => _popupItems;
    public string Hint => _hint.Text;

    /// <summary>Shows what changed in the pane since the last call; nothing is redrawn otherwise.</summary>
    public void Sync()
    {
        if (_pane.Version != _shownVersion)
        {
            _shownVersion = _pane.Version;
            Output.Text = string.Join("\n", _pane.Output);
            Output.MoveEnd();
        }
        if (_pane.Evaluating != _shownEvaluating || _title.Text.Length == 0)
        {
            _shownEvaluating = _pane.Evaluating;
            _title.Text = _pane.Evaluating ? "─ C# REPL: evaluating (Ctrl+C cancels) " : "─ C# REPL ";
        }
    }

    /// <summary>The REPL's own keys; false leaves the key to the editor (text, cursor moves) or the console (Esc).</summary>
    public bool HandleCommand(ConsoleCommand command, Key key)
    {
        if (_search is not null) return Search(key);
        if (_popup.Visible) return Popup(key);
        switch (command)
        {
            case ConsoleCommand.Evaluate:
                if (!_controller.TrySubmit(Input.Text)) return false; // not complete: Enter adds a line
                Input.Text = "";
                _hint.Text = "";
                Sync();
                return true;
            case ConsoleCommand.Complete:
                _ = CompleteAsync();
                return true;
            case ConsoleCommand.HistoryPrevious when Input.CurrentRow == 0:
                if (_pane.History.Previous(Input.Text) is { } previous) SetInput(previous);
                return true;
            case ConsoleCommand.HistoryNext when Input.CurrentRow >= Input.Lines - 1:
                if (_pane.History.Next() is { } next) SetInput(next);
                return true;
            case ConsoleCommand.SearchHistory:
                _search = "";
                _hint.Text = "(history search) type to find, Ctrl+R older, Enter takes it, Esc leaves";
                return true;
            case ConsoleCommand.CancelEvaluation:
                _controller.Cancel();
                return true;
            case ConsoleCommand.DeleteWordBefore:
                Input.NewKeyDownEvent(Key.Backspace.WithCtrl); // the editor's own word deletion (its Ctrl+W clears everything)
                return true;
        }
        if (key.AsRune.Value is '(' or ',') _ = SignaturesAfterAsync();
        return false;
    }

    private void SetInput(string text)
    {
        Input.Text = text;
        Input.MoveEnd();
    }

    private bool Search(Key key)
    {
        if (key == Key.Esc) { _search = null; _hint.Text = ""; return true; }
        if (key == Key.Enter) { _search = null; _hint.Text = ""; Input.MoveEnd(); return true; }
        var older = key == Key.R.WithCtrl;
        if (key == Key.Backspace && _search!.Length > 0) _search = _search[..^1];
        else if (!older && key.AsRune.Value >= ' ' && !key.IsCtrl) _search += (char)key.AsRune.Value;
        var found = _pane.History.Search(_search!, older);
        if (found is not null) SetInput(found);
        _hint.Text = $"(history search) '{_search}': {(found is null ? "no match" : "found")}";
        return true;
    }

    private bool Popup(Key key)
    {
        if (key == Key.CursorDown) { _popup.MoveDown(); return true; }
        if (key == Key.CursorUp) { _popup.MoveUp(); return true; }
        if (key == Key.Enter || key == Key.Tab)
        {
            var selected = _popup.SelectedItem ?? 0;
            if (selected >= 0 && selected < _popupItems.Count) Accept(_popupItems[selected]);
            ClosePopup();
            return true;
        }
        ClosePopup();
        return key == Key.Esc;
    }

    private void Accept(string item)
    {
        var text = Input.Text;
        var position = CursorOffset();
        var start = Math.Clamp(_completionStart, 0, position);
        SetInput(text[..start] + item + text[position..]);
        var end = start + item.Length;
        var before = (text[..start] + item).Split('\n');
        Input.InsertionPoint = new System.Drawing.Point(before[^1].Length, before.Length - 1);
        _ = end;
    }

    private void ClosePopup()
    {
        _popup.Visible = false;
        _popupItems.Clear();
    }

    /// <summary>The cursor as an offset into the text (rows joined with '\n').</summary>
    private int CursorOffset()
    {
        var lines = Input.Text.Split('\n');
        var row = Math.Min(Input.CurrentRow, lines.Length - 1);
        return lines.Take(row).Sum(l => l.Length + 1) + Math.Min(Input.CurrentColumn, lines[row].Length);
    }

    /// <summary>Tab: Roslyn's completions for the word at the cursor; one is taken at once, several open the popup.</summary>
    public async Task CompleteAsync()
    {
        _completing?.Cancel();
        var cts = _completing = new CancellationTokenSource();
        var code = Input.Text;
        var position = CursorOffset();
        (int Start, IReadOnlyList<string> Items) result;
        try { result = await _controller.Engine.CompleteAsync(code, position, cts.Token); }
        catch (OperationCanceledException) { return; }
        catch (Exception e) { _hint.Text = "completion failed: " + e.Message; return; }
        App?.Invoke(() =>
        {
            if (cts.IsCancellationRequested || Input.Text != code) return;
            _completionStart = result.Start;
            if (result.Items.Count == 0) { _hint.Text = "no completion here"; return; }
            if (result.Items.Count == 1) { Accept(result.Items[0]); return; }
            _popupItems.Clear();
            _popupItems.AddRange(result.Items.Take(200));
            _popup.SetSource(new System.Collections.ObjectModel.ObservableCollection<string>(_popupItems));
            _popup.SelectedItem = 0;
            var lines = code[..position].Split('\n');
            _popup.X = Math.Min(lines[^1].Length, Math.Max(0, Viewport.Width - 40));
            _popup.Y = Pos.AnchorEnd(5 + 1 + 8);
            _popup.Visible = true;
            _hint.Text = $"{result.Items.Count} completions: ↑↓ choose, Enter or Tab takes, Esc closes";
            SetNeedsDraw();
        });
    }

    private async Task SignaturesAfterAsync()
    {
        // The key is not in the text yet: ask once the editor has it.
        await Task.Yield();
        var code = Input.Text;
        var position = CursorOffset();
        IReadOnlyList<string> signatures;
        try { signatures = await _controller.Engine.SignaturesAsync(code, position, CancellationToken.None); }
        catch (Exception) { return; }
        App?.Invoke(() => { if (signatures.Count > 0) _hint.Text = string.Join("  │  ", signatures); });
    }

    private void Colour(CellEventArgs e)
    {
        if (!_color) return;
        var (row, col) = e.UnwrappedPosition;
        var kind = row < _kinds.Count && col < _kinds[row].Length ? _kinds[row][col] : CodeKind.Plain;
        var normal = Input.GetAttributeForRole(VisualRole.Editable);
        Attribute? attribute = kind switch
        {
            CodeKind.Keyword => new Attribute(ColorName16.BrightBlue, normal.Background),
            CodeKind.String => new Attribute(ColorName16.Yellow, normal.Background),
            CodeKind.Number => new Attribute(ColorName16.BrightMagenta, normal.Background),
            CodeKind.Comment => new Attribute(ColorName16.Green, normal.Background),
            _ => null,
        };
        e.Line[e.Col] = e.Line[e.Col] with { Attribute = attribute };
    }
}

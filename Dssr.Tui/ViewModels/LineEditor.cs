namespace Dssr.Tui.ViewModels;

/// <summary>
/// The REPL's line editor: a text with a cursor, word moves, and a history walked with ↑/↓.
/// Multi-line input is kept as one text with '\n'; the caller decides when Enter submits.
/// </summary>
public sealed class LineEditor
{
    private readonly List<string> _history = [];
    private int _historyIndex;
    private string _draft = "";

    public string Text { get; private set; } = "";
    public int Cursor { get; private set; }
    public IReadOnlyList<string> History => _history;

    public void Load(IEnumerable<string> history)
    {
        _history.AddRange(history);
        _historyIndex = _history.Count;
    }

    /// <summary>Applies an editing key; returns false for keys the editor does not handle (Enter, Esc, …).</summary>
    public bool Handle(ConsoleKeyInfo key)
    {
        var ctrl = (key.Modifiers & ConsoleModifiers.Control) != 0;
        switch (key.Key)
        {
            case ConsoleKey.LeftArrow: Cursor = ctrl ? WordLeft() : Math.Max(0, Cursor - 1); return true;
            case ConsoleKey.RightArrow: Cursor = ctrl ? WordRight() : Math.Min(Text.Length, Cursor + 1); return true;
            case ConsoleKey.Home: Cursor = LineStart(); return true;
            case ConsoleKey.End: Cursor = LineEnd(); return true;
            case ConsoleKey.Backspace:
                if (Cursor > 0) { Text = Text.Remove(Cursor - 1, 1); Cursor--; }
                return true;
            case ConsoleKey.Delete:
                if (Cursor < Text.Length) Text = Text.Remove(Cursor, 1);
                return true;
            case ConsoleKey.UpArrow: Recall(-1); return true;
            case ConsoleKey.DownArrow: Recall(1); return true;
        }
        if (ctrl && key.Key == ConsoleKey.W) { DeleteWordLeft(); return true; }
        if (ctrl && key.Key == ConsoleKey.U) { Text = Text[Cursor..]; Cursor = 0; return true; }
        if (key.KeyChar >= ' ' && key.KeyChar != '\u007f' && !ctrl)
        {
            Insert(key.KeyChar.ToString());
            return true;
        }
        return false;
    }

    public void Insert(string text)
    {
        Text = Text.Insert(Cursor, text);
        Cursor += text.Length;
    }

    /// <summary>Takes the text out (into the history when not blank) and starts an empty line.</summary>
    public string Submit()
    {
        var text = Text;
        if (!string.IsNullOrWhiteSpace(text) && (_history.Count == 0 || _history[^1] != text)) _history.Add(text);
        _historyIndex = _history.Count;
        _draft = "";
        Text = "";
        Cursor = 0;
        return text;
    }

    private void Recall(int direction)
    {
        if (_history.Count == 0) return;
        if (_historyIndex == _history.Count) _draft = Text;
        _historyIndex = Math.Clamp(_historyIndex + direction, 0, _history.Count);
        Text = _historyIndex == _history.Count ? _draft : _history[_historyIndex];
        Cursor = Text.Length;
    }

    private int WordLeft()
    {
        var i = Cursor;
        while (i > 0 && !char.IsLetterOrDigit(Text[i - 1])) i--;
        while (i > 0 && char.IsLetterOrDigit(Text[i - 1])) i--;
        return i;
    }

    private int WordRight()
    {
        var i = Cursor;
        while (i < Text.Length && !char.IsLetterOrDigit(Text[i])) i++;
        while (i < Text.Length && char.IsLetterOrDigit(Text[i])) i++;
        return i;
    }

    private void DeleteWordLeft()
    {
        var start = WordLeft();
        Text = Text.Remove(start, Cursor - start);
        Cursor = start;
    }

    private int LineStart() => Cursor == 0 ? 0 : Text.LastIndexOf('\n', Cursor - 1) + 1;

    private int LineEnd()
    {
        var i = Text.IndexOf('\n', Cursor);
        return i < 0 ? Text.Length : i;
    }
}

namespace Dssr.Tui.ViewModels;

/// <summary>
/// Walks the REPL's history: Up/Down go back and forth and keep the draft being typed; Ctrl+R finds
/// the newest entry containing a text, and again the one before it.
/// </summary>
internal sealed class ReplHistoryCursor
{
    private readonly List<string> _entries = [];
    private int _index;
    private string _draft = "";

    public IReadOnlyList<string> Entries => _entries;

    public void Load(IEnumerable<string> entries)
    {
        _entries.AddRange(entries);
        _index = _entries.Count;
    }

    /// <summary>Remembers a submission (not a repeat of the last one) and goes back to a new draft.</summary>
    public void Add(string submission)
    {
        if (!string.IsNullOrWhiteSpace(submission) && (_entries.Count == 0 || _entries[^1] != submission)) _entries.Add(submission);
        _index = _entries.Count;
        _draft = "";
    }

    /// <summary>The entry before the one shown; null at the oldest (or with no history).</summary>
    public string? Previous(string current)
    {
        if (_entries.Count == 0 || _index == 0) return null;
        if (_index == _entries.Count) _draft = current;
        return _entries[--_index];
    }

    /// <summary>The entry after the one shown, or the draft after the newest; null when already at the draft.</summary>
    public string? Next()
    {
        if (_index >= _entries.Count) return null;
        _index++;
        return _index == _entries.Count ? _draft : _entries[_index];
    }

    /// <summary>The newest entry older than the one shown that contains <paramref name="text"/>; null when none.</summary>
    public string? Search(string text, bool older)
    {
        if (text.Length == 0) return null;
        var from = older ? Math.Min(_index, _entries.Count) - 1 : _entries.Count - 1;
        for (var i = from; i >= 0; i--)
        {
            if (!_entries[i].Contains(text, StringComparison.OrdinalIgnoreCase)) continue;
            _index = i;
            return _entries[i];
        }
        return null;
    }
}

using System.Text.Json;

namespace Dssr.Scripting.Repl;

/// <summary>
/// The submissions typed in the REPL, oldest first, kept in <c>repl-history</c> in the state folder
/// so the next run can recall them. One JSON string a line, so a multi-line submission stays one entry.
/// </summary>
public sealed class ReplHistory
{
    public const string FileName = "repl-history";
    private readonly string _path;
    private readonly int _max;
    private readonly List<string> _entries;

    public ReplHistory(string stateDirectory, int max = 1000)
    {
        Directory.CreateDirectory(stateDirectory);
        _path = Path.Combine(stateDirectory, FileName);
        _max = max;
        _entries = Load(_path).TakeLast(max).ToList();
    }

    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Adds a submission (not a repeat of the last one) and writes it through at once.</summary>
    public void Add(string submission)
    {
        submission = submission.TrimEnd();
        if (submission.Length == 0 || _entries.Count > 0 && _entries[^1] == submission) return;
        _entries.Add(submission);
        File.AppendAllText(_path, JsonSerializer.Serialize(submission) + "\n");
        if (_entries.Count > _max * 2) Compact();
    }

    private void Compact()
    {
        _entries.RemoveRange(0, _entries.Count - _max);
        var temp = _path + ".tmp";
        File.WriteAllLines(temp, _entries.Select(e => JsonSerializer.Serialize(e)));
        File.Move(temp, _path, overwrite: true);
    }

    private static IEnumerable<string> Load(string path)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path))
        {
            string? entry;
            try
            {
                entry = JsonSerializer.Deserialize<string>(line);
            }
            catch (JsonException)
            {
                continue; // a line cut short by a crash costs that line only
            }
            if (!string.IsNullOrEmpty(entry)) yield return entry;
        }
    }
}

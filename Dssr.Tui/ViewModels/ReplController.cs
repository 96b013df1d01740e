namespace Dssr.Tui.ViewModels;

/// <summary>
/// The REPL pane's behaviour: a submitted text is echoed and queued; submissions are evaluated one
/// after the other in the background (typing goes on meanwhile), and one the engine finds incomplete
/// waits for the next; Ctrl+C cancels the running evaluation.
/// </summary>
internal sealed class ReplController
{
    private readonly ReplPane _pane;
    private readonly IReplEngine _engine;
    private readonly Action<Task<Action<ConsoleModel>>> _post;
    private readonly Queue<string> _queue = new();
    private string _continuation = "";
    private CancellationTokenSource? _running;

    public ReplController(ReplPane pane, IReplEngine engine, Action<Task<Action<ConsoleModel>>> post)
    {
        _pane = pane;
        _engine = engine;
        _post = post;
    }

    public IReplEngine Engine => _engine;

    /// <summary>Enter: true when the text was taken (a complete submission); false leaves it in the editor for another line.</summary>
    public bool TrySubmit(string text)
    {
        if (_continuation.Length == 0 && ConsoleLine.IsCommand(text))
        {
            _pane.History.Add(text);
            _pane.Append("> " + text);
            _post(Task.FromResult<Action<ConsoleModel>>(m => _pane.Append(ConsoleLine.Run(text, m))));
            return true;
        }
        if (text.Trim().Length > 0 && !text.TrimStart().StartsWith('#') && !_engine.IsComplete(_continuation + text)) return false;
        Submit(text);
        return true;
    }

    public void Submit(string text)
    {
        _pane.History.Add(text);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            _pane.Append((i == 0 && _continuation.Length == 0 && _queue.Count == 0 ? "> " : ". ") + lines[i]);
        _queue.Enqueue(text);
        Pump();
    }

    public void Cancel() => _running?.Cancel();

    private void Pump()
    {
        if (_pane.Evaluating || _queue.Count == 0) return;
        var code = _continuation + _queue.Dequeue();
        _continuation = "";
        _pane.Evaluating = true;
        var cts = new CancellationTokenSource();
        _running = cts;
        _post(Evaluate(code, cts));
    }

    private async Task<Action<ConsoleModel>> Evaluate(string code, CancellationTokenSource cts)
    {
        string? text;
        try { text = await _engine.EvaluateAsync(code, cts.Token); }
        catch (Exception e) { text = "error: " + e.Message; }
        return _ =>
        {
            _pane.Evaluating = false;
            _running = null;
            cts.Dispose();
            if (text is null) _continuation = code + "\n"; // not complete yet: the next line goes on
            else if (text.Length > 0) _pane.Append(text);
            Pump();
        };
    }
}

namespace Dssr.Tui.ViewModels;

/// <summary>
/// The REPL pane's keys: editing goes to the line editor (also while an evaluation runs); Enter
/// echoes the line and queues it; lines are evaluated one after the other in the background, and
/// an incomplete submission waits for the next line; Ctrl+C cancels the running evaluation.
/// </summary>
public sealed class ReplController
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

    /// <summary>Returns false for the keys the console handles itself (Esc).</summary>
    public bool Handle(ConsoleKeyInfo key)
    {
        if (key.Key == ConsoleKey.Escape) return false;
        if (key.Key == ConsoleKey.Enter)
        {
            var line = _pane.Editor.Submit();
            _pane.Append((_continuation.Length == 0 && _queue.Count == 0 ? "> " : ". ") + line);
            _queue.Enqueue(line);
            Pump();
            return true;
        }
        _pane.Editor.Handle(key);
        return true;
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

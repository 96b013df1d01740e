namespace Dssr.Tui.ViewModels;

/// <summary>
/// Which key does what, where: one table. The key dispatch, the status line, the help view and the
/// README's keys table are all read from it, so they cannot drift; read-only mode drops every
/// binding that changes something, which both hides the key and makes it do nothing.
/// </summary>
internal static class KeyMap
{
    /// <summary>One key: a special key (arrows, Enter…) or a typed character, optionally with Ctrl.</summary>
    public readonly record struct KeyStroke(ConsoleKey Key, char Char, bool Ctrl = false)
    {
        public static KeyStroke Of(char c) => new(ConsoleKey.NoName, c);
        public static KeyStroke Of(ConsoleKey k) => new(k, '\0');
        public static KeyStroke CtrlOf(ConsoleKey k) => new(k, '\0', Ctrl: true);

        public bool Matches(ConsoleKeyInfo info)
        {
            var ctrl = (info.Modifiers & ConsoleModifiers.Control) != 0;
            if (Ctrl) return ctrl && info.Key == Key;
            if (Char != '\0') return info.KeyChar == Char && !ctrl;
            return info.Key == Key && !ctrl;
        }

        public override string ToString() => Ctrl ? $"Ctrl+{Key}" : Char != '\0' ? Char.ToString() : Key switch
        {
            ConsoleKey.UpArrow => "↑",
            ConsoleKey.DownArrow => "↓",
            ConsoleKey.PageUp => "PgUp",
            ConsoleKey.PageDown => "PgDn",
            ConsoleKey.Escape => "Esc",
            _ => Key.ToString(),
        };
    }

    public sealed record Binding(IReadOnlyList<KeyStroke> Strokes, string Description, ConsoleCommand Command, bool Changes = false)
    {
        /// <summary>The keys as shown to the operator, such as <c>↑/k</c>.</summary>
        public string Keys => string.Join("/", Strokes);
    }

    private static Binding B(string description, ConsoleCommand command, params KeyStroke[] keys) => new(keys, description, command);
    private static Binding Change(string description, ConsoleCommand command, params KeyStroke[] keys) => new(keys, description, command, Changes: true);
    private static KeyStroke K(char c) => KeyStroke.Of(c);
    private static KeyStroke K(ConsoleKey k) => KeyStroke.Of(k);

    private static readonly Binding[] Scrolling =
    [
        B("up", ConsoleCommand.Up, K(ConsoleKey.UpArrow), K('k')),
        B("down", ConsoleCommand.Down, K(ConsoleKey.DownArrow), K('j')),
        B("page up", ConsoleCommand.PageUp, K(ConsoleKey.PageUp)),
        B("page down", ConsoleCommand.PageDown, K(ConsoleKey.PageDown)),
        B("first", ConsoleCommand.Home, K(ConsoleKey.Home), K('g')),
        B("last", ConsoleCommand.End, K(ConsoleKey.End), K('G')),
    ];

    /// <summary>Recording is no change to any job: <c>--read-only</c> keeps it.</summary>
    private static readonly Binding Recorder = B("record the upstream calls (again: stop)", ConsoleCommand.ToggleRecording, K('R'));

    /// <summary>The views, in the order the help and the README list them.</summary>
    public static readonly ConsoleMode[] Modes = [ConsoleMode.Main, ConsoleMode.Detail, ConsoleMode.Diagnostics, ConsoleMode.Logs, ConsoleMode.Load, ConsoleMode.Reconcile, ConsoleMode.Repl];

    /// <summary>The bindings of a view with nothing pending (no question, no filter being typed): the README's table.</summary>
    public static IReadOnlyList<Binding> Of(ConsoleMode mode, bool filterSet = false)
    {
        var list = new List<Binding>();
        switch (mode)
        {
            case ConsoleMode.Main:
                list.AddRange(Scrolling);
                list.Add(B("job detail", ConsoleCommand.Open, K(ConsoleKey.Enter)));
                list.Add(B("filter (regex)", ConsoleCommand.StartFilter, K('/')));
                if (filterSet) list.Add(B("clear filters (regex and cluster)", ConsoleCommand.Back, K(ConsoleKey.Escape)));
                list.Add(B("queue of the next cluster (c again: the next, then all)", ConsoleCommand.CycleCluster, K('c')));
                list.Add(B("sort by next column", ConsoleCommand.SortNext, K('s')));
                list.Add(B("reverse sort", ConsoleCommand.SortReverse, K('S')));
                list.Add(Change("new sample job", ConsoleCommand.NewSample, K('n')));
                list.Add(Change("new interactive sample job (a web page at its URL)", ConsoleCommand.NewInteractiveSample, K('N')));
                list.Add(Change("terminate", ConsoleCommand.Terminate, K('t')));
                list.Add(Change("release", ConsoleCommand.Release, K('r')));
                list.Add(B("clusters/queue", ConsoleCommand.FocusNext, K(ConsoleKey.Tab)));
                list.Add(B("diagnostics", ConsoleCommand.RunDiagnostics, K('d')));
                list.Add(Recorder);
                break;
            case ConsoleMode.Detail:
                list.AddRange(Scrolling);
                list.Add(B("follow output", ConsoleCommand.FollowOutput, K('l')));
                list.Add(B("wrap output", ConsoleCommand.ToggleWrap, K('w')));
                list.Add(B("pause output", ConsoleCommand.TogglePause, K('p')));
                list.Add(Change("terminate", ConsoleCommand.Terminate, K('t')));
                list.Add(Change("release", ConsoleCommand.Release, K('r')));
                list.Add(B("back", ConsoleCommand.Back, K(ConsoleKey.Escape), K(ConsoleKey.Backspace)));
                break;
            case ConsoleMode.Diagnostics:
                list.Add(B("run again", ConsoleCommand.RunDiagnostics, K('d')));
                list.Add(B("next cluster", ConsoleCommand.FocusNext, K(ConsoleKey.Tab)));
                list.Add(B("back", ConsoleCommand.Back, K(ConsoleKey.Escape), K(ConsoleKey.Backspace)));
                break;
            case ConsoleMode.Logs:
                list.AddRange(Scrolling);
                list.Add(B("level", ConsoleCommand.LogLevelNext, K('v')));
                list.Add(B("back", ConsoleCommand.Back, K(ConsoleKey.Escape), K(ConsoleKey.Backspace)));
                break;
            case ConsoleMode.Load:
                list.Add(Recorder);
                list.Add(B("back", ConsoleCommand.Back, K(ConsoleKey.Escape), K(ConsoleKey.Backspace)));
                break;
            case ConsoleMode.Reconcile:
                list.AddRange(Scrolling);
                list.Add(B("run again", ConsoleCommand.RunReconcile, K('r'), K('d')));
                list.Add(Change("cancel the orphan job (scancel)", ConsoleCommand.CancelOrphan, K('t')));
                list.Add(Change("record a final state (a job the cluster forgot)", ConsoleCommand.RecordFinal, K('f')));
                list.Add(B("back", ConsoleCommand.Back, K(ConsoleKey.Escape), K(ConsoleKey.Backspace)));
                break;
            case ConsoleMode.Repl:
                list.Add(B("evaluate (a complete submission)", ConsoleCommand.Evaluate, K(ConsoleKey.Enter)));
                list.Add(B("complete", ConsoleCommand.Complete, K(ConsoleKey.Tab)));
                list.Add(B("history (first/last line)", ConsoleCommand.HistoryPrevious, K(ConsoleKey.UpArrow)));
                list.Add(B("history forward", ConsoleCommand.HistoryNext, K(ConsoleKey.DownArrow)));
                list.Add(B("search history", ConsoleCommand.SearchHistory, KeyStroke.CtrlOf(ConsoleKey.R)));
                list.Add(B("cancel evaluation", ConsoleCommand.CancelEvaluation, KeyStroke.CtrlOf(ConsoleKey.C)));
                list.Add(B("delete the word before the cursor", ConsoleCommand.DeleteWordBefore, KeyStroke.CtrlOf(ConsoleKey.W)));
                list.Add(B("leave", ConsoleCommand.Back, K(ConsoleKey.Escape)));
                return list; // every other key is text
        }
        if (mode != ConsoleMode.Main) list.Add(B("queue", ConsoleCommand.ShowMain, K('1')));
        if (mode != ConsoleMode.Diagnostics) list.Add(B("diagnostics view", ConsoleCommand.ShowDiagnostics, K('2')));
        if (mode != ConsoleMode.Logs) list.Add(B("logs", ConsoleCommand.ShowLogs, K('3')));
        if (mode != ConsoleMode.Load) list.Add(B("Slurm load", ConsoleCommand.ShowLoad, K('4')));
        if (mode != ConsoleMode.Reconcile) list.Add(B("reconciliation", ConsoleCommand.ShowReconcile, K('5')));
        list.Add(B("REPL", ConsoleCommand.OpenRepl, K(':')));
        list.Add(B("help", ConsoleCommand.Help, K('?')));
        list.Add(B("quit", ConsoleCommand.Quit, K('q')));
        return list;
    }

    /// <summary>The bindings that work in the model's current state.</summary>
    public static IReadOnlyList<Binding> For(ConsoleModel model)
    {
        if (model.Confirmation is not null)
            return [B("yes", ConsoleCommand.Yes, K('y'), K('Y')), B("no", ConsoleCommand.No, K('n'), K('N'), K(ConsoleKey.Escape))];
        if (model.FilterInput is not null)
            return [B("apply filter", ConsoleCommand.Open, K(ConsoleKey.Enter)), B("clear filter", ConsoleCommand.Back, K(ConsoleKey.Escape))];
        var list = Of(model.Mode, model.Queue.FilterText is not null || model.Queue.ClusterFilter is not null);
        return model.ReadOnly ? list.Where(b => !b.Changes).ToList() : list;
    }

    /// <summary>The command a key means in the model's current state, or null when the key does nothing here.</summary>
    public static ConsoleCommand? Map(ConsoleModel model, ConsoleKeyInfo key)
    {
        if (model.HelpVisible && model.Confirmation is null)
            return key.KeyChar == 'q' ? ConsoleCommand.Quit : ConsoleCommand.Help; // any other key closes help
        return For(model).FirstOrDefault(b => b.Strokes.Any(s => s.Matches(key)))?.Command;
    }

    /// <summary>The README's keys table: every view's bindings, generated from this table (a test keeps the README in step).</summary>
    public static string Markdown()
    {
        var lines = new List<string> { "| view | key | does |", "| --- | --- | --- |" };
        foreach (var mode in Modes)
            foreach (var b in Of(mode, filterSet: mode == ConsoleMode.Main))
                lines.Add($"| {mode} | `{b.Keys.Replace("|", "\\|")}` | {b.Description}{(b.Changes ? " (hidden by `--read-only`)" : "")} |");
        return string.Join("\n", lines);
    }
}

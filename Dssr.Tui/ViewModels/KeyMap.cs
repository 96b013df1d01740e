namespace Dssr.Tui.ViewModels;

/// <summary>
/// Which key does what, where. One table, so the status line and the help overlay list exactly the
/// keys that work, and read-only mode hides every key that changes something.
/// </summary>
public static class KeyMap
{
    public sealed record Binding(string Keys, string Description, ConsoleCommand Command, bool Changes = false);

    private static readonly Binding[] Navigation =
    [
        new("↑↓/jk", "move", ConsoleCommand.Down),
        new("PgUp/PgDn", "page", ConsoleCommand.PageDown),
    ];

    public static IReadOnlyList<Binding> For(ConsoleModel model)
    {
        if (model.Confirmation is not null)
            return [new("y", "yes", ConsoleCommand.Yes), new("n/Esc", "no", ConsoleCommand.No)];
        if (model.FilterInput is not null)
            return [new("Enter", "apply filter", ConsoleCommand.Open), new("Esc", "clear filter", ConsoleCommand.Back)];

        var list = new List<Binding>();
        switch (model.Mode)
        {
            case ConsoleMode.Main:
                list.AddRange(Navigation);
                list.Add(new("Enter", "job detail", ConsoleCommand.Open));
                list.Add(new("/", "filter", ConsoleCommand.StartFilter));
                if (model.Queue.FilterText is not null) list.Add(new("Esc", "clear filter", ConsoleCommand.Back));
                list.Add(new("s/S", "sort/reverse", ConsoleCommand.SortNext));
                list.Add(new("n", "new sample job", ConsoleCommand.NewSample, Changes: true));
                list.Add(new("t", "terminate", ConsoleCommand.Terminate, Changes: true));
                list.Add(new("r", "release", ConsoleCommand.Release, Changes: true));
                list.Add(new("Tab", "clusters/queue", ConsoleCommand.FocusNext));
                list.Add(new("d", "diagnostics", ConsoleCommand.RunDiagnostics));
                break;
            case ConsoleMode.Detail:
                list.Add(new("l", "follow output", ConsoleCommand.FollowOutput));
                list.Add(new("t", "terminate", ConsoleCommand.Terminate, Changes: true));
                list.Add(new("r", "release", ConsoleCommand.Release, Changes: true));
                list.Add(new("Esc", "back", ConsoleCommand.Back));
                break;
            case ConsoleMode.Diagnostics:
                list.Add(new("d", "run again", ConsoleCommand.RunDiagnostics));
                list.Add(new("Tab", "next cluster", ConsoleCommand.FocusNext));
                list.Add(new("Esc", "back", ConsoleCommand.Back));
                break;
            case ConsoleMode.Logs:
                list.Add(new("v", "level", ConsoleCommand.LogLevelNext));
                list.Add(new("Esc", "back", ConsoleCommand.Back));
                break;
            case ConsoleMode.Repl:
                list.Add(new("Esc", "leave", ConsoleCommand.Back));
                return list;
        }
        if (model.Mode != ConsoleMode.Main) list.Add(new("1", "queue", ConsoleCommand.ShowMain));
        if (model.Mode != ConsoleMode.Diagnostics) list.Add(new("2", "diagnostics", ConsoleCommand.ShowDiagnostics));
        if (model.Mode != ConsoleMode.Logs) list.Add(new("3", "logs", ConsoleCommand.ShowLogs));
        list.Add(new(":", "REPL", ConsoleCommand.OpenRepl));
        list.Add(new("?", "help", ConsoleCommand.Help));
        list.Add(new("q", "quit", ConsoleCommand.Quit));
        return model.ReadOnly ? list.Where(b => !b.Changes).ToList() : list;
    }

    /// <summary>The command a key means in the model's current state, or null when the key does nothing here.</summary>
    public static ConsoleCommand? Map(ConsoleModel model, ConsoleKeyInfo key)
    {
        if (model.Confirmation is not null)
            return key.KeyChar is 'y' or 'Y' ? ConsoleCommand.Yes
                : key.KeyChar is 'n' or 'N' || key.Key == ConsoleKey.Escape ? ConsoleCommand.No
                : null;
        if (model.HelpVisible)
            return key.KeyChar == 'q' ? ConsoleCommand.Quit : ConsoleCommand.Help; // any other key closes help

        ConsoleCommand? command = key.Key switch
        {
            ConsoleKey.UpArrow => ConsoleCommand.Up,
            ConsoleKey.DownArrow => ConsoleCommand.Down,
            ConsoleKey.PageUp => ConsoleCommand.PageUp,
            ConsoleKey.PageDown => ConsoleCommand.PageDown,
            ConsoleKey.Home => ConsoleCommand.Home,
            ConsoleKey.End => ConsoleCommand.End,
            ConsoleKey.Enter => ConsoleCommand.Open,
            ConsoleKey.Escape or ConsoleKey.Backspace => ConsoleCommand.Back,
            ConsoleKey.Tab => ConsoleCommand.FocusNext,
            _ => key.KeyChar switch
            {
                'k' => ConsoleCommand.Up,
                'j' => ConsoleCommand.Down,
                'g' => ConsoleCommand.Home,
                'G' => ConsoleCommand.End,
                '/' => ConsoleCommand.StartFilter,
                's' => ConsoleCommand.SortNext,
                'S' => ConsoleCommand.SortReverse,
                'n' => ConsoleCommand.NewSample,
                't' => ConsoleCommand.Terminate,
                'r' => ConsoleCommand.Release,
                'l' => ConsoleCommand.FollowOutput,
                'd' => ConsoleCommand.RunDiagnostics,
                'v' => ConsoleCommand.LogLevelNext,
                '1' => ConsoleCommand.ShowMain,
                '2' => ConsoleCommand.ShowDiagnostics,
                '3' => ConsoleCommand.ShowLogs,
                ':' => ConsoleCommand.OpenRepl,
                '?' => ConsoleCommand.Help,
                'q' => ConsoleCommand.Quit,
                _ => null,
            },
        };
        if (command is null) return null;
        // Navigation keys work everywhere; anything else only where the table lists it.
        if (command is ConsoleCommand.Up or ConsoleCommand.Down or ConsoleCommand.PageUp or ConsoleCommand.PageDown
            or ConsoleCommand.Home or ConsoleCommand.End)
            return model.Mode is ConsoleMode.Main or ConsoleMode.Logs or ConsoleMode.Detail ? command : null;
        var allowed = For(model).Select(b => b.Command).ToHashSet();
        if (command is ConsoleCommand.SortReverse && allowed.Contains(ConsoleCommand.SortNext)) return command;
        return allowed.Contains(command.Value) ? command : null;
    }
}

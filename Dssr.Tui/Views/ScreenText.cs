using Dssr.Engine.Diagnostics;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Views;

/// <summary>The text of the screens that are text: header, section titles, detail, diagnostics, help.</summary>
internal static class ScreenText
{
    public static string Header(HeaderInfo? h)
    {
        if (h is null) return "Dssr";
        var api = h.Serving ? $"API {h.Address}" : h.ServingProblem is null ? $"API starting on {h.Address}" : $"API NOT SERVING: {h.ServingProblem}";
        var auth = h.AuthOn ? "auth on" : "auth OFF";
        var upstream = h.SinceUpstreamCall is { } since ? $"upstream {Age.Of(since)} ago" : "no upstream call yet";
        var journal = h.Journal is { } j ? " │ " + Journal(j) : "";
        // Early in the line: at 80 columns the end of the header is cut.
        var recording = h.RecordingTo is null ? "" : " │ ● recording";
        return $"Dssr {h.Version}{recording} │ {api}{journal} │ {auth} │ {h.RequestsPerSecond:0.#} req/s │ {upstream}{(h.ReadOnly ? " │ READ-ONLY" : "")}";
    }

    /// <summary>The journal's kind and health; with a shared journal, the replicas seen and which one this is.</summary>
    public static string Journal(JournalInfo j)
    {
        var text = $"journal {j.Kind} {(j.Problem is null ? "ok" : "DOWN: " + j.Problem)}";
        if (j.Replicas is { } n) text += $" │ {n} replica{(n == 1 ? "" : "s")}, this {j.ThisReplica}";
        return text;
    }

    public static string QueueTitle(ConsoleModel model)
    {
        var q = model.Queue;
        var title = $"─ Queue: {q.Visible.Count} of {q.Total} jobs, sorted by {q.SortColumn.ToString().ToLowerInvariant()} {(q.Descending ? "↓" : "↑")}";
        if (q.ClusterFilter is { } cluster) title += $", cluster {cluster}";
        if (model.FilterInput is not null) title += $", filter /{model.FilterInput}▏";
        else if (q.FilterText is not null) title += $", filter /{q.FilterText}/";
        if (model.Focus == ConsoleFocus.Queue) title += " [focused]";
        if (q.Visible.Count == 0)
            title += q.Total == 0 ? " ─ no jobs yet: press n to submit a sample job" : " ─ no job matches the filters (Esc clears them)";
        return title + " ";
    }

    public static string ClustersTitle(ConsoleModel model)
    {
        var title = model.Focus == ConsoleFocus.Clusters ? "─ Clusters [focused] " : "─ Clusters ";
        // Seen from the main view without opening view 4: which clusters Dssr queries more than their budget allows.
        var over = model.Load.Where(l => l.Figures.OverBudget).Select(l => l.Cluster).ToList();
        return over.Count == 0 ? title : title + $"─ OVER the Slurm budget: {string.Join(", ", over)} (4 shows the load) ";
    }

    public static string Detail(JobDetail d)
    {
        var lines = new List<string> { $"─ Job {d.Row.JobId}: {d.Row.Name}" };
        lines.AddRange(d.Record.Select(r => $"{r.Field,-14} {r.Value}"));
        lines.Add("─ sbatch arguments");
        lines.Add(d.SbatchArguments.Count == 0 ? "(none seen since this Dssr started: the dummy cluster takes none)" : string.Join(" ", d.SbatchArguments));
        lines.Add("─ Remote commands");
        if (d.RemoteCommands.Count == 0) lines.Add("(none recorded for this job since this Dssr started)");
        lines.AddRange(d.RemoteCommands);
        lines.Add("─ Script");
        lines.AddRange(d.Script.Split('\n'));
        return string.Join("\n", lines);
    }

    public static string OutputTitle(ConsoleModel model) =>
        $"─ Output ({(model.OutputPaused ? "paused: p resumes" : "following: newest lines every second")}; w {(model.OutputWrap ? "cuts" : "wraps")} long lines, G jumps to the end) ";

    public static string Diagnostics(ConsoleModel model)
    {
        var name = model.SelectedClusterName ?? "-";
        model.Diagnostics.TryGetValue(name, out var view);
        var state = model.DiagnosticsRunning ? "running…" : view is null ? "not run yet (d runs them)" : $"taken {view.TakenAt.ToLocalTime():HH:mm:ss}";
        var lines = new List<string> { $"─ Diagnostics of {name}: {state}" };
        if (view is not null)
        {
            lines.AddRange(view.Diagnosis.Report);
            lines.Add("");
            foreach (var check in view.Diagnosis.Checks)
            {
                var mark = check.Status switch { CheckStatus.Pass => "✓", CheckStatus.Fail => "✗", _ => "-" };
                lines.Add($"{mark} {check.Name}: {check.Detail} ({check.Milliseconds} ms)");
                if (check.Status == CheckStatus.Fail && check.Fix is { } fix) lines.Add($"    fix: {fix}");
            }
        }
        return string.Join("\n", lines);
    }

    public static string Help(ConsoleModel model)
    {
        var lines = new List<string> { $"─ Help: {model.Mode} view (any key closes)", About(model.Mode) };
        if (model.ReadOnly) lines.Add("read-only: keys that change jobs are hidden");
        lines.Add("");
        // The moving keys share one line, so a view's help fits a 24-line terminal.
        var bindings = KeyMap.For(model);
        var moving = bindings.Where(IsMove).ToList();
        if (moving.Count > 0) lines.Add(MovingLine(moving));
        lines.AddRange(bindings.Where(b => !IsMove(b)).Select(b => $"  {b.Keys,-14} {b.Description}"));
        if (model.Mode == ConsoleMode.Main) lines.Add("  :cluster NAME  typed in the REPL pane (:), shows only NAME's jobs; :cluster alone every cluster's");
        lines.Add("  mouse          click a row to select it, a column header to sort, the wheel to scroll");
        return string.Join("\n", lines);
    }

    private static bool IsMove(KeyMap.Binding b) =>
        b.Command is ConsoleCommand.Up or ConsoleCommand.Down or ConsoleCommand.PageUp or ConsoleCommand.PageDown or ConsoleCommand.Home or ConsoleCommand.End;

    /// <summary>One help line for the moving keys: <c>↑/k ↓/j PgUp PgDn Home/g End/G  up, down, page up, page down, first, last</c>.</summary>
    public static string MovingLine(IReadOnlyList<KeyMap.Binding> moving) =>
        $"  {string.Join(" ", moving.Select(b => b.Keys))}  {string.Join(", ", moving.Select(b => b.Description))}";

    /// <summary>The status line's keys: quit and help first, so they stay visible on a narrow terminal.</summary>
    public static string Keys(ConsoleModel model) =>
        string.Join("  ", KeyMap.For(model)
            .Where(b => b.Command is not (ConsoleCommand.Up or ConsoleCommand.PageUp or ConsoleCommand.Home or ConsoleCommand.SortReverse))
            .OrderBy(b => b.Command is ConsoleCommand.Quit or ConsoleCommand.Help ? 0 : 1)
            .Select(b => $"{b.Keys} {b.Description}"));

    public static string About(ConsoleMode mode) => mode switch
    {
        ConsoleMode.Main => "Clusters and their health (a silent one is marked NO within seconds), every upstream job from each cluster's cached queue snapshot, and the newest log lines. The API serves meanwhile.",
        ConsoleMode.Diagnostics => "The init report and the connection checks of the selected cluster; each failed check says what to fix.",
        ConsoleMode.Logs => "The service's log, newest last; v changes the lowest level shown.",
        ConsoleMode.Load => "Per cluster, what Dssr costs it: queue queries per minute against the budget (DSSR_QUEUE_BUDGET_PER_MINUTE), the controller RPCs the remote commands imply, the last 10 minutes as a sparkline (full height: the budget); red when over budget.",
        ConsoleMode.Reconcile => "Per job, the journal against what the cluster says now; rows that disagree first. t cancels an orphan job, f records a final state for a job the cluster forgot, each after a y/n that shows what it does.",
        ConsoleMode.Detail => "The job's journal record, where it was placed and why, its URL and tunnel when interactive (never its password), how it was submitted, what Dssr ran for it, and its output.",
        _ => "A C# REPL bound to the live service.",
    };
}

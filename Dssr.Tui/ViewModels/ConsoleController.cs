using Dssr.Engine.Observability;

namespace Dssr.Tui.ViewModels;

/// <summary>
/// Turns keys into changes of the <see cref="ConsoleModel"/>. Slow work (HTTP, SSH) runs in the
/// background; its outcome comes back through <c>post</c> as a change applied on the loop's thread.
/// </summary>
internal sealed class ConsoleController
{
    private const int Page = 10;
    private readonly ConsoleModel _model;
    private readonly IConsoleActions _actions;
    private readonly Action<Task<Action<ConsoleModel>>> _post;

    public ConsoleController(ConsoleModel model, IConsoleActions actions, Action<Task<Action<ConsoleModel>>> post)
    {
        _model = model;
        _actions = actions;
        _post = post;
    }

    public void Handle(ConsoleKeyInfo key)
    {
        if (_model.FilterInput is not null && _model.Confirmation is null)
        {
            EditFilter(key);
            return;
        }
        if (KeyMap.Map(_model, key) is { } command) Execute(command);
    }

    /// <summary>Commands the view carries out itself: scrolling a text view, the REPL's keys.</summary>
    public Action<ConsoleCommand>? ViewCommand { get; set; }

    public void Execute(ConsoleCommand command)
    {
        var m = _model;
        if (m.HelpVisible && command != ConsoleCommand.Quit)
        {
            m.HelpVisible = false;
            return;
        }
        if (m.Mode is ConsoleMode.Detail or ConsoleMode.Logs && command is ConsoleCommand.Up or ConsoleCommand.Down
                or ConsoleCommand.PageUp or ConsoleCommand.PageDown or ConsoleCommand.Home or ConsoleCommand.End
            || command is ConsoleCommand.Evaluate or ConsoleCommand.Complete or ConsoleCommand.HistoryPrevious
                or ConsoleCommand.HistoryNext or ConsoleCommand.SearchHistory or ConsoleCommand.CancelEvaluation)
        {
            ViewCommand?.Invoke(command);
            return;
        }
        switch (command)
        {
            case ConsoleCommand.Quit: m.QuitRequested = true; break;
            case ConsoleCommand.ToggleWrap: m.OutputWrap = !m.OutputWrap; m.Say(m.OutputWrap ? "output wraps" : "output lines are cut"); break;
            case ConsoleCommand.TogglePause: m.OutputPaused = !m.OutputPaused; m.Say(m.OutputPaused ? "output paused (p resumes)" : "output follows again"); break;
            case ConsoleCommand.Help: m.HelpVisible = true; break;
            case ConsoleCommand.Up: Move(-1); break;
            case ConsoleCommand.Down: Move(1); break;
            case ConsoleCommand.PageUp: Move(-Page); break;
            case ConsoleCommand.PageDown: Move(Page); break;
            case ConsoleCommand.Home: Move(int.MinValue / 2); break;
            case ConsoleCommand.End: Move(int.MaxValue / 2); break;
            case ConsoleCommand.Open: OpenDetail(); break;
            case ConsoleCommand.Back: Back(); break;
            case ConsoleCommand.StartFilter: m.FilterInput = m.Queue.FilterText ?? ""; break;
            case ConsoleCommand.SortNext: m.Queue.SortByNextColumn(); m.Say($"sorted by {m.Queue.SortColumn}{(m.Queue.Descending ? ", descending" : "")}"); break;
            case ConsoleCommand.SortReverse: m.Queue.ReverseSort(); break;
            case ConsoleCommand.CycleCluster: CycleCluster(); break;
            case ConsoleCommand.FocusNext: FocusNext(); break;
            case ConsoleCommand.ShowMain: m.Mode = ConsoleMode.Main; break;
            case ConsoleCommand.ShowDiagnostics: ShowDiagnostics(runIfMissing: true); break;
            case ConsoleCommand.ShowLogs: m.Mode = ConsoleMode.Logs; break;
            case ConsoleCommand.OpenRepl: m.ReturnMode = m.Mode; m.Mode = ConsoleMode.Repl; break;
            case ConsoleCommand.LogLevelNext: NextLogLevel(); break;
            case ConsoleCommand.RunDiagnostics: m.Mode = ConsoleMode.Diagnostics; RunDiagnostics(); break;
            case ConsoleCommand.NewSample: NewSample(interactive: false); break;
            case ConsoleCommand.NewInteractiveSample: NewSample(interactive: true); break;
            case ConsoleCommand.Terminate: Ask(ConsoleCommand.Terminate, "Terminate"); break;
            case ConsoleCommand.Release: Ask(ConsoleCommand.Release, "Release"); break;
            case ConsoleCommand.FollowOutput: FollowOutput(); break;
            case ConsoleCommand.ShowLoad: m.Mode = ConsoleMode.Load; break;
            case ConsoleCommand.ShowReconcile: m.Mode = ConsoleMode.Reconcile; if (m.Reconcile.Result is null) RunReconcile(); break;
            case ConsoleCommand.RunReconcile: m.Mode = ConsoleMode.Reconcile; RunReconcile(); break;
            case ConsoleCommand.CancelOrphan: AskFix(ConsoleCommand.CancelOrphan); break;
            case ConsoleCommand.RecordFinal: AskFix(ConsoleCommand.RecordFinal); break;
            case ConsoleCommand.ToggleRecording: ToggleRecording(); break;
            case ConsoleCommand.Yes: Confirmed(); break;
            case ConsoleCommand.No: m.Confirmation = null; m.Say("cancelled"); break;
        }
    }

    private void Move(int delta)
    {
        if (_model.Mode == ConsoleMode.Main && _model.Focus == ConsoleFocus.Clusters)
            _model.SelectedCluster = Math.Clamp(_model.SelectedCluster + Math.Sign(delta) * Math.Min(Math.Abs(delta), 1_000_000), 0, Math.Max(0, _model.Clusters.Count - 1));
        else if (_model.Mode == ConsoleMode.Main)
            _model.Queue.Move(delta);
        else if (_model.Mode == ConsoleMode.Reconcile)
            _model.Reconcile.Move(delta);
    }

    private void OpenDetail()
    {
        if (_model.Mode != ConsoleMode.Main || _model.Queue.Selected is not { } row) return;
        _model.Detail = _actions.Detail(row);
        _model.Mode = ConsoleMode.Detail;
    }

    private void Back()
    {
        var m = _model;
        switch (m.Mode)
        {
            case ConsoleMode.Repl: m.Mode = m.ReturnMode; break;
            case ConsoleMode.Detail: m.Mode = ConsoleMode.Main; m.Detail = null; m.OutputPaused = false; break;
            case ConsoleMode.Main when m.Queue.FilterText is not null || m.Queue.ClusterFilter is not null:
                m.Queue.SetFilter(null);
                m.Queue.SetClusterFilter(null);
                m.Say("filters cleared");
                break;
            default: m.Mode = ConsoleMode.Main; break;
        }
    }

    private void CycleCluster()
    {
        var m = _model;
        if (m.Mode != ConsoleMode.Main) return;
        m.Queue.CycleCluster(m.Clusters.Select(c => c.Name).ToList());
        m.Say(m.Queue.ClusterFilter is { } c ? $"queue: jobs on {c} only (c: the next cluster, Esc: every cluster)" : "queue: every cluster's jobs");
    }

    private void EditFilter(ConsoleKeyInfo key)
    {
        var m = _model;
        switch (key.Key)
        {
            case ConsoleKey.Escape:
                m.FilterInput = null;
                m.Queue.SetFilter(null);
                return;
            case ConsoleKey.Enter:
                if (m.Queue.SetFilter(m.FilterInput)) m.FilterInput = null;
                else m.Say(m.Queue.FilterError!, error: true);
                return;
            case ConsoleKey.Backspace:
                if (m.FilterInput!.Length > 0) m.FilterInput = m.FilterInput[..^1];
                break;
            default:
                if (key.KeyChar >= ' ' && key.KeyChar != '\u007f') m.FilterInput += key.KeyChar;
                else return;
                break;
        }
        // Filter as the operator types; a pattern that is not valid yet keeps the last good one.
        m.Queue.SetFilter(m.FilterInput);
    }

    private void FocusNext()
    {
        var m = _model;
        if (m.Mode == ConsoleMode.Diagnostics && m.Clusters.Count > 0)
        {
            m.SelectedCluster = (m.SelectedCluster + 1) % m.Clusters.Count;
            ShowDiagnostics(runIfMissing: true);
            return;
        }
        m.Focus = m.Focus == ConsoleFocus.Queue ? ConsoleFocus.Clusters : ConsoleFocus.Queue;
    }

    private void ShowDiagnostics(bool runIfMissing)
    {
        _model.Mode = ConsoleMode.Diagnostics;
        if (runIfMissing && _model.SelectedClusterName is { } name && !_model.Diagnostics.ContainsKey(name)) RunDiagnostics();
    }

    private void RunDiagnostics()
    {
        if (_model.SelectedClusterName is not { } cluster || _model.DiagnosticsRunning) return;
        _model.DiagnosticsRunning = true;
        _model.Say($"running the diagnostics of {cluster}…");
        _post(Run(async () =>
        {
            var view = await _actions.DiagnoseAsync(cluster);
            return m =>
            {
                m.Diagnostics[cluster] = view;
                m.Say(view.AllPassed ? $"{cluster}: every check passed" : $"{cluster}: {view.Failed} check(s) failed", !view.AllPassed);
            };
        }, after: m => m.DiagnosticsRunning = false));
    }

    private void NewSample(bool interactive)
    {
        if (_model.ReadOnly) return;
        if (_model.SelectedClusterName is not { } cluster) { _model.Say("no cluster to submit to", error: true); return; }
        _model.Say($"submitting {(interactive ? "an interactive" : "a")} sample job to {cluster}…");
        _post(Run(async () =>
        {
            var said = await _actions.SubmitSampleAsync(cluster, interactive);
            return m => m.Say(said);
        }));
    }

    private void Ask(ConsoleCommand action, string verb)
    {
        if (_model.ReadOnly) return;
        var job = _model.Mode == ConsoleMode.Detail ? _model.Detail?.Row : _model.Queue.Selected;
        if (job is null) { _model.Say("no job selected", error: true); return; }
        _model.Confirmation = new Confirmation($"{verb} job {job.JobId} ({job.Name})? y/n", action, job.JobId, _actions.Describe(action, job));
    }

    private void Confirmed()
    {
        var confirmation = _model.Confirmation;
        _model.Confirmation = null;
        if (confirmation is null || _model.ReadOnly) return;
        if (confirmation.Row is { } fix) { Fix(confirmation.OnYes, fix); return; }
        var job = _model.Detail?.Row.JobId == confirmation.JobId ? _model.Detail.Row
            : _model.Queue.Visible.FirstOrDefault(r => r.JobId == confirmation.JobId);
        if (job is null) { _model.Say($"job {confirmation.JobId} is gone", error: true); return; }
        var terminate = confirmation.OnYes == ConsoleCommand.Terminate;
        _model.Say($"{(terminate ? "terminating" : "releasing")} {job.JobId}…");
        _post(Run(async () =>
        {
            if (terminate) await _actions.TerminateAsync(job);
            else await _actions.ReleaseAsync(job);
            return m => m.Say($"{job.JobId} {(terminate ? "terminated" : "released")}");
        }));
    }

    private bool _reconcileAgain;

    /// <summary>Runs the reconciliation in the background; <paramref name="done"/> (what a fix did) leads its message.</summary>
    private void RunReconcile(string? done = null)
    {
        var r = _model.Reconcile;
        if (r.Running) { _reconcileAgain = true; return; } // a run that started before a fix must not have the last word
        r.Running = true;
        _model.Say(done is null ? "reconciling the journal with every cluster…" : $"{done}; reconciling again…");
        _post(Run(async () =>
        {
            var result = await _actions.ReconcileAsync();
            return m =>
            {
                m.Reconcile.Show(result);
                var unreachable = result.Unreachable.Count > 0 ? $", {result.Unreachable.Count} cluster(s) did not answer" : "";
                var jobs = VerdictText.Jobs(result.Rows.Count);
                var summary = result.AllAgree ? $"{jobs}: everything agrees" : $"{jobs}: {result.Disagreements} disagree{unreachable}";
                m.Say(done is null ? summary : $"{done}; {summary}", !result.AllAgree && done is null);
            };
        }, after: m =>
        {
            m.Reconcile.Running = false;
            if (!_reconcileAgain) return;
            _reconcileAgain = false;
            RunReconcile(done);
        }));
    }

    /// <summary>Each fix applies to one kind of disagreement only; on another row the key says which rows it is for.</summary>
    private void AskFix(ConsoleCommand fix)
    {
        if (_model.ReadOnly) return;
        if (_model.Reconcile.Selected is not { } row) { _model.Say("no row selected (r runs the reconciliation)", error: true); return; }
        var (wanted, what) = fix == ConsoleCommand.CancelOrphan
            ? (Verdict.Orphan, "t cancels an orphan job (on the cluster, in no journal row)")
            : (Verdict.Forgotten, "f records a final state for a job the cluster forgot");
        if (row.Verdict != wanted || row.JobId.Length == 0) { _model.Say($"{what}; this row is {VerdictText.Phrase(row.Verdict)}", error: true); return; }
        var question = fix == ConsoleCommand.CancelOrphan
            ? $"Cancel orphan job {row.JobId} (jarvice_{row.Name}) on {row.Cluster}? y/n"
            : $"Record a final state for job {row.JobId} ({row.Name}) on {row.Cluster}? y/n";
        _model.Confirmation = new Confirmation(question, fix, row.JobId, _actions.DescribeFix(fix, row), row);
    }

    private void Fix(ConsoleCommand fix, ReconciliationRow row)
    {
        _model.Say($"{(fix == ConsoleCommand.CancelOrphan ? "cancelling" : "recording a final state for")} {row.JobId}…");
        _post(Run(async () =>
        {
            var said = await _actions.FixAsync(fix, row);
            return _ => RunReconcile(done: said); // the view shows the outcome, not the row as it was
        }));
    }

    private bool _toggling;

    private void ToggleRecording()
    {
        if (_toggling) return;
        _toggling = true;
        _post(Run(async () =>
        {
            var said = await _actions.ToggleRecordingAsync();
            return m => m.Say(said);
        }, after: _ => _toggling = false));
    }

    private bool _fetchingOutput;

    /// <summary>Once a second: a job whose output is followed (<c>l</c>) gets its newest lines.</summary>
    public void Tick()
    {
        if (_model.Mode == ConsoleMode.Detail && _model.Detail?.Output is not null && !_model.OutputPaused) FollowOutput();
    }

    private void FollowOutput()
    {
        if (_model.Detail is not { } detail || _fetchingOutput) return;
        _fetchingOutput = true;
        _post(Run(async () =>
        {
            var output = await _actions.OutputAsync(detail.Row);
            return m => { if (m.Detail?.Row.JobId == detail.Row.JobId) m.Detail = m.Detail with { Output = output }; };
        }, after: _ => _fetchingOutput = false));
    }

    private void NextLogLevel()
    {
        _model.LogLevel = _model.LogLevel switch
        {
            Serilog.Events.LogEventLevel.Information => Serilog.Events.LogEventLevel.Warning,
            Serilog.Events.LogEventLevel.Warning => Serilog.Events.LogEventLevel.Error,
            Serilog.Events.LogEventLevel.Error => Serilog.Events.LogEventLevel.Debug,
            _ => Serilog.Events.LogEventLevel.Information,
        };
        _model.Say($"showing {Engine.Configuration.LogLevels.PythonName(_model.LogLevel)} and above");
    }

    /// <summary>Runs background work; a failure becomes an error message rather than a crash.</summary>
    private static async Task<Action<ConsoleModel>> Run(Func<Task<Action<ConsoleModel>>> work, Action<ConsoleModel>? after = null)
    {
        try
        {
            var apply = await work();
            return m => { after?.Invoke(m); apply(m); };
        }
        catch (Exception e)
        {
            return m => { after?.Invoke(m); m.Say(e.Message, error: true); };
        }
    }
}

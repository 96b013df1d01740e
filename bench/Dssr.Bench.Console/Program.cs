using System.Diagnostics;
using Dssr.Engine.Connectors;
using Dssr.Engine.Logging;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

// The console window with N jobs in the queue, in Terminal.Gui's in-memory driver: the time from
// a key (Down, as an operator scrolls) to the frame drawn with the change (key map, model, Sync,
// layout and draw of every changed view). Prints p50/p99/max over the presses.
Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
var jobs = args.Length > 0 ? int.Parse(args[0]) : 1000;
var presses = args.Length > 1 ? int.Parse(args[1]) : 300;
var (width, height) = (args.Length > 3 ? int.Parse(args[2]) : 120, args.Length > 3 ? int.Parse(args[3]) : 40);

var model = new ConsoleModel(readOnly: false)
{
    Header = new HeaderInfo("bench", "http://127.0.0.1:5000", true, null, false, 12.5, TimeSpan.FromSeconds(2), false),
    Clusters = [new ClusterRow("default", "dummy", true, true, TimeSpan.FromMilliseconds(4), jobs / 2, jobs / 2, TimeSpan.FromSeconds(1), null)],
};
var logs = new LogBuffer();
var serilog = new Serilog.LoggerConfiguration().WriteTo.Sink(logs).CreateLogger();
for (var i = 0; i < 100; i++) serilog.Information("Submitted {Name} as job {JobId}", $"job-{i}", i);
model.Queue.Update(Enumerable.Range(1, jobs).Select(n => new QueueRow($"20240101120000-ABCDE-app-user{n % 7}_s1", n, "default", $"dummy_{n}",
    n % 3 == 0 ? "PD" : "R", n % 3 == 0 ? JobPhase.Queued : JobPhase.Running, TimeSpan.FromSeconds(n), "node1", $"user{n % 7}")).ToList());

using var app = Application.Create();
app.Init(DriverRegistry.Names.ANSI);
app.Driver!.SetScreenSize(width, height);
var controller = new ConsoleController(model, new NoActions(), w => w.GetAwaiter().GetResult()(model));
var pane = new ReplPane();
var window = new ConsoleWindow(model, controller, pane, new ReplController(pane, new NoEngine(), _ => { }), logs, color: true);
app.Keyboard.KeyDown += (_, k) => window.OnKey(k);
var token = app.Begin(window)!;
app.LayoutAndDraw();

var times = new List<double>();
var scrolled = new List<double>(); // the presses that moved the table's rows (Down at the bottom, Home)
for (var i = 0; i < presses; i++)
{
    var offset = window.Queue.RowOffset;
    var started = Stopwatch.GetTimestamp();
    app.InjectKey(i % 50 == 49 ? Key.Home : Key.CursorDown);
    app.LayoutAndDraw();
    var took = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    times.Add(took);
    if (window.Queue.RowOffset != offset) scrolled.Add(took);
}
app.End(token);
static double P(List<double> all, double q)
{
    all.Sort();
    return all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(q * all.Count))];
}
Console.WriteLine($"key to drawn frame with {jobs} jobs at {width}x{height} (in-process, {presses} presses): p50 {P(times, 0.5):0.0} ms, p99 {P(times, 0.99):0.0} ms, max {times[^1]:0.0} ms; "
    + $"the {scrolled.Count} that scrolled: p50 {P(scrolled, 0.5):0.0} ms, max {P(scrolled, 1):0.0} ms");

sealed class NoActions : IConsoleActions
{
    public Task<string> SubmitSampleAsync(string cluster, bool interactive = false) => Task.FromResult("");
    public Task TerminateAsync(QueueRow job) => Task.CompletedTask;
    public string Describe(ConsoleCommand action, QueueRow job) => "";
    public Task ReleaseAsync(QueueRow job) => Task.CompletedTask;
    public Task<string> OutputAsync(QueueRow job) => Task.FromResult("");
    public Task<DiagnosticsView> DiagnoseAsync(string cluster) => throw new NotSupportedException();
    public JobDetail Detail(QueueRow job) => new(job, [], "", [], []);
    public Task<Dssr.Engine.Observability.Reconciliation> ReconcileAsync() => throw new NotSupportedException();
    public string DescribeFix(ConsoleCommand fix, Dssr.Engine.Observability.ReconciliationRow row) => "";
    public Task<string> FixAsync(ConsoleCommand fix, Dssr.Engine.Observability.ReconciliationRow row) => throw new NotSupportedException();
    public Task<string> ToggleRecordingAsync() => throw new NotSupportedException();
}

sealed class NoEngine : IReplEngine
{
    public Task<string?> EvaluateAsync(string code, CancellationToken ct) => Task.FromResult<string?>("");
    public bool IsComplete(string code) => true;
    public Task<(int Start, IReadOnlyList<string> Items)> CompleteAsync(string code, int position, CancellationToken ct) => Task.FromResult((0, (IReadOnlyList<string>)[]));
    public Task<IReadOnlyList<string>> SignaturesAsync(string code, int position, CancellationToken ct) => Task.FromResult((IReadOnlyList<string>)[]);
}

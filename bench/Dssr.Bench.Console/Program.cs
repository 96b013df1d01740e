using System.Diagnostics;
using Dssr.Engine.Connectors;
using Dssr.Engine.Logging;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;

// Builds the frame the console draws every second, with N jobs in the queue: the queue update
// (filter and sort), the views, Spectre's rendering and the terminal bytes. Prints p50/p99/mean.
var jobs = args.Length > 0 ? int.Parse(args[0]) : 1000;
var frames = args.Length > 1 ? int.Parse(args[1]) : 300;
var (width, height) = (args.Length > 3 ? int.Parse(args[2]) : 120, args.Length > 3 ? int.Parse(args[3]) : 40);

var model = new ConsoleModel(readOnly: false)
{
    Header = new HeaderInfo("bench", "http://127.0.0.1:5000", true, null, false, 12.5, TimeSpan.FromSeconds(2), false),
    Clusters = [new ClusterRow("default", "dummy", true, true, TimeSpan.FromMilliseconds(4), jobs / 2, jobs / 2, TimeSpan.FromSeconds(1), null)],
};
var logs = new LogBuffer();
var serilog = new Serilog.LoggerConfiguration().WriteTo.Sink(logs).CreateLogger();
for (var i = 0; i < 100; i++) serilog.Information("Submitted {Name} as job {JobId}", $"job-{i}", i);
var renderer = new FrameRenderer(color: true);
var repl = new ReplPane();

List<QueueRow> Rows(int second) => Enumerable.Range(1, jobs).Select(n => new QueueRow(
    $"20240101120000-ABCDE-app-user{n % 37}_s1", n, "default", $"dummy_{n}", n % 2 == 0 ? "R" : "PD",
    n % 2 == 0 ? JobPhase.Running : JobPhase.Queued, TimeSpan.FromSeconds(n + second), n % 2 == 0 ? "node01" : "-", $"user{n % 37}")).ToList();

for (var i = 0; i < 30; i++) Build(i); // warm-up: JIT and caches
var times = new double[frames];
for (var i = 0; i < frames; i++)
{
    var rows = Rows(i);
    var started = Stopwatch.GetTimestamp();
    model.Queue.Update(rows);
    Build(i);
    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
Array.Sort(times);
Console.WriteLine($"frame build with {jobs} jobs at {width}x{height}: p50 {times[frames / 2]:0.00} ms, p99 {times[(int)(frames * 0.99)]:0.00} ms, mean {times.Average():0.00} ms over {frames} frames (goal: under 50 ms)");

void Build(int i)
{
    var lines = renderer.RenderLines(Frame.Lines(model, logs, repl, width, height), width);
    _ = renderer.ToTerminal(lines);
}

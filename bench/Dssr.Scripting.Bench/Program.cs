using System.Diagnostics;
using Dssr.Connectors.Dummy;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;
using Dssr.Scripting.Formatting;
using Dssr.Scripting.Globals;
using Dssr.Scripting.Repl;

// Usage: Dssr.Scripting.Bench cold | warm | memory [evaluations] [recycleAfter]
// cold:   the first REPL line in a fresh process, no warm-up.
// warm:   the warm-up runs first (as when the console starts), then the first line.
// memory: N evaluations in one session; managed heap and working set every N/10.
var mode = args.Length > 0 ? args[0] : "cold";
var state = Path.Combine(Path.GetTempPath(), "dssr-bench-" + Environment.ProcessId);
var options = ServiceOptionsReader.Read(new Dictionary<string, string> { ["DSSR_STATE_DIR"] = state }, new CommandLineOverrides(Listen: "http://127.0.0.1:0"));
await using var host = ServiceHost.Create(options, new ConnectorRegistry().AddDummy(), TimeProvider.System, Serilog.Core.Logger.None);
await host.Clusters.InitializeAsync(CancellationToken.None);
const string FirstLine = "(await Squeue()).Jobs.Count";

try
{
    switch (mode)
    {
        case "cold":
        {
            var session = new ReplSession(new ScriptGlobals(host));
            var clock = Stopwatch.StartNew();
            var first = await session.EvaluateAsync(FirstLine);
            var firstMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await session.EvaluateAsync("Clusters.Default.Name");
            Console.WriteLine($"cold: first line {firstMs:0} ms ({first.Outcome}), second line {clock.Elapsed.TotalMilliseconds:0} ms");
            break;
        }
        case "warm":
        {
            var session = new ReplSession(new ScriptGlobals(host));
            var clock = Stopwatch.StartNew();
            await session.WarmUpAsync();
            var warmMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var first = await session.EvaluateAsync(FirstLine);
            var firstMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await session.EvaluateAsync("Clusters.Default.Name");
            Console.WriteLine($"warm: warm-up {warmMs:0} ms in the background, then first line {firstMs:0} ms ({first.Outcome}), second line {clock.Elapsed.TotalMilliseconds:0} ms");
            break;
        }
        case "memory":
        {
            var count = args.Length > 1 ? int.Parse(args[1]) : 1000;
            var recycle = args.Length > 2 ? int.Parse(args[2]) : ReplOptions.Default.RecycleAfter;
            var session = new ReplSession(new ScriptGlobals(host), new ReplOptions(TimeSpan.FromSeconds(2), recycle, FormatLimits.Default));
            await session.WarmUpAsync();
            Console.WriteLine($"memory: {count} evaluations, recycle after {recycle}");
            Console.WriteLine("evaluations  managed MB  GC committed MB  working set MB  (anon MB  file MB)  restarts  ms per line");
            Report(0, session, 0);
            var clock = Stopwatch.StartNew();
            for (var i = 1; i <= count; i++)
            {
                var result = await session.EvaluateAsync($"var v{i % 50} = {i} * 2; v{i % 50} + (await Squeue()).Jobs.Count");
                if (result.Outcome != ReplOutcome.Value) throw new InvalidOperationException($"{i}: {result.Outcome} {result.Text}");
                if (i % Math.Max(1, count / 10) == 0)
                {
                    Report(i, session, clock.Elapsed.TotalMilliseconds / (count / 10.0));
                    clock.Restart();
                }
            }
            break;
        }
        default:
            Console.Error.WriteLine("usage: Dssr.Scripting.Bench cold | warm | memory [evaluations] [recycleAfter]");
            return 2;
    }
}
finally
{
    try { Directory.Delete(state, recursive: true); } catch (IOException) { }
}
return 0;

// Linux only: anonymous memory (heaps) apart from mapped files (assemblies, which the kernel can drop).
static double Rss(string field)
{
    var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":")) : null;
    return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
}

static void Report(int evaluations, ReplSession session, double msPerLine)
{
    var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
    using var self = Process.GetCurrentProcess();
    var committed = GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0;
    Console.WriteLine($"{evaluations,11}  {managed,10:0.0}  {committed,15:0.0}  {self.WorkingSet64 / 1048576.0,14:0.0}  ({Rss("RssAnon"),7:0.0}  {Rss("RssFile"),7:0.0})  {session.Restarts,8}  {msPerLine,11:0.0}");
}

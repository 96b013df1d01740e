using System.Diagnostics;
using Dssr.Engine.Clusters;
using Dssr.Engine.Hosting;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>The console's diagnostics of a cluster: what it is configured with, then checks that each say what to fix.</summary>
public static class ConsoleDiagnostics
{
    public static async Task<DiagnosticsView> RunAsync(ServiceHost host, Cluster cluster)
    {
        var report = new List<string>
        {
            "+----- Dssr init report -----+",
            $"|-- cluster: {cluster.Name}",
            $"|     connector: {cluster.ConnectorName}",
            $"|     state folder: {host.Options.StateDirectory}",
            $"|     journal: {host.Journal.Path}",
            $"|     API: {host.Address}{(host.IsServing ? "" : " (not serving)")}",
            $"|     auth: {(host.Options.ServerKey is null ? "off" : "HTTP Basic")}",
            "+-----------------------------+",
        };
        var checks = new List<DiagnosticCheck>
        {
            Check("connector initialised", () => Task.FromResult((cluster.IsReady, cluster.IsReady ? "ready" : "still initialising or failed"))
                , "see the log view (3) for the initialisation error"),
        };
        checks.Add(await CheckAsync("cluster reachable", async () =>
        {
            var started = Stopwatch.GetTimestamp();
            var ok = await cluster.IsReachableAsync(CancellationToken.None);
            return (ok, $"{(ok ? "yes" : "no")} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }, "check the cluster's address and credentials"));
        checks.Add(await CheckAsync("queue query", async () =>
        {
            var snapshot = await cluster.SnapshotAsync(CancellationToken.None);
            return (true, $"{snapshot.Jobs.Count} job(s) known");
        }, "the connector could not list jobs: see the log view"));
        checks.Add(await CheckAsync("journal writable", () =>
        {
            var probe = Path.Combine(host.Options.StateDirectory, ".write-probe");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return Task.FromResult((true, host.Options.StateDirectory));
        }, $"make {host.Options.StateDirectory} writable by this user, or choose another with --state"));
        return new DiagnosticsView(cluster.Name, DateTimeOffset.Now, report, checks);
    }

    private static DiagnosticCheck Check(string name, Func<Task<(bool, string)>> run, string fix) =>
        CheckAsync(name, run, fix).GetAwaiter().GetResult();

    private static async Task<DiagnosticCheck> CheckAsync(string name, Func<Task<(bool Ok, string Detail)>> run, string fix)
    {
        try
        {
            var (ok, detail) = await run();
            return new DiagnosticCheck(name, ok, detail, ok ? null : fix);
        }
        catch (Exception e)
        {
            return new DiagnosticCheck(name, false, e.Message, fix);
        }
    }
}

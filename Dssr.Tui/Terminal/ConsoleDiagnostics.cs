using System.Diagnostics;
using Dssr.Engine.Clusters;
using Dssr.Engine.Diagnostics;
using Dssr.Engine.Hosting;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>
/// The console's diagnostics of a cluster: the connector's own init report and checks, when it has them
/// (run through the cluster's shells, never a connection of the console's own); then, for every cluster,
/// the checks of the service around it.
/// </summary>
internal static class ConsoleDiagnostics
{
    public static async Task<DiagnosticsView> RunAsync(ServiceHost host, Cluster cluster)
    {
        var remote = await cluster.DiagnoseAsync(CancellationToken.None);
        var report = remote?.Report.ToList() ?? ServiceReport(host, cluster);
        var checks = new List<DiagnosticCheck>(remote?.Checks ?? [])
        {
            await Check("connector initialised", () => Task.FromResult((cluster.IsReady, cluster.IsReady ? "ready" : "still initialising, or failed"))
                , "see the log view (3) for the initialisation error"),
            await Check("cluster reachable", async () =>
            {
                var ok = await cluster.IsReachableAsync(CancellationToken.None);
                return (ok, ok ? "yes" : "no");
            }, "check the cluster's address and credentials (dssr diag tells more)"),
            await Check("queue query", async () =>
            {
                var snapshot = await cluster.SnapshotAsync(CancellationToken.None);
                return (true, $"{snapshot.Jobs.Count} job(s) known");
            }, "the connector could not list jobs: see the log view (3)"),
            await Check("state folder writable", () =>
            {
                var probe = Path.Combine(host.Options.StateDirectory, ".write-probe");
                File.WriteAllText(probe, "ok");
                File.Delete(probe);
                return Task.FromResult((true, host.Options.StateDirectory));
            }, $"make {host.Options.StateDirectory} writable by this user, or choose another with --state"),
        };
        var destination = remote?.Destination ?? cluster.ConnectorName;
        return new DiagnosticsView(new ClusterDiagnosis(cluster.Name, destination, report, checks), DateTimeOffset.Now);
    }

    private static List<string> ServiceReport(ServiceHost host, Cluster cluster) =>
    [
        "+----- Dssr init report -----+",
        $"|-- cluster: {cluster.Name}",
        $"|     connector: {cluster.ConnectorName}",
        $"|     state folder: {host.Options.StateDirectory}",
        $"|     journal: {host.Journal.Path}",
        $"|     API: {host.Address}{(host.IsServing ? "" : " (not serving)")}",
        $"|     auth: {(host.Options.ServerKey is null ? "off" : "HTTP Basic")}",
        "+-----------------------------+",
    ];

    private static async Task<DiagnosticCheck> Check(string name, Func<Task<(bool Ok, string Detail)>> run, string fix)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (ok, detail) = await run();
            return new DiagnosticCheck(name, ok ? CheckStatus.Pass : CheckStatus.Fail, detail, ok ? null : fix,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e)
        {
            return new DiagnosticCheck(name, CheckStatus.Fail, e.Message, fix, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}

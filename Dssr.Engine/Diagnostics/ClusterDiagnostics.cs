using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Diagnostics;

/// <summary>Writes a cluster's diagnosis (report and checks) in the service's log format.</summary>
public static class ClusterDiagnostics
{
    /// <summary>One log record per line, as the original logged its report; failed checks are warnings with their fix.</summary>
    public static void Log(ILogger log, ClusterDiagnosis d)
    {
        foreach (var line in d.Report) log.LogInformation("{Line}", line);
        log.LogInformation(" Now testing connectivity to target cluster {Cluster} ({Destination})...", d.Cluster, d.Destination);
        foreach (var c in d.Checks)
        {
            if (c.Status == CheckStatus.Fail)
            {
                log.LogWarning(" {Check}: FAIL {Detail}", c.Name, c.Detail);
                log.LogWarning("   fix: {Fix}", c.Fix);
            }
            else
            {
                log.LogInformation(" {Check}: {Status} {Detail}", c.Name, c.Status.ToString().ToUpperInvariant(), c.Detail);
            }
        }
        if (d.AllPassed) log.LogInformation(" Success! :)");
        else log.LogWarning(" Cluster {Cluster} is not ready: {Failed} check(s) failed", d.Cluster, d.Checks.Count(c => c.Status == CheckStatus.Fail));
    }
}

using Dssr.Engine.Configuration;
using Microsoft.Extensions.Logging;

namespace Dssr.Tui.Commands;

/// <summary>The lines the service logs at start: what it runs, where its state is, whether callers must authenticate.</summary>
internal static class StartupReport
{
    public static void Log(ILogger log, ServiceOptions options)
    {
        log.LogInformation("Dssr {Version} starting: connector {Connector}, state in {State}",
            Version, options.ConnectorName, options.StateDirectory);
        if (options.ServerKey is null)
        {
            log.LogInformation("Authentication is off: JARVICE_SCHED_SERVER_KEY is not set, so the API is open, as the original's");
            if (options.ListensOnAllInterfaces)
                log.LogWarning("Listening on every interface with no server key: anyone who can reach {Address} can submit and cancel jobs; set JARVICE_SCHED_SERVER_KEY=user:password",
                    options.ListenUrl);
        }
        else
        {
            log.LogInformation("Authentication is on: HTTP Basic with the JARVICE_SCHED_SERVER_KEY credentials on every route but /live and /ready");
        }
        foreach (var cluster in options.Clusters.Where(c => !c.IsDefault))
            log.LogInformation("Cluster {Cluster} ({Connector}) answers at {Base}/{Listen}; prefers [{Preferred}]; authentication {Auth}",
                cluster.Name, cluster.ConnectorName, cluster.BasePath, cluster.ListenUrl is { } l ? $" and {l}/" : "",
                string.Join(", ", cluster.PreferredJobs), cluster.ServerKey is not null ? "with its own key" : options.ServerKey is not null ? "with the service's key" : "off");
        foreach (var cluster in options.Clusters.Where(c => c.Failover.Count > 0))
            log.LogInformation("Cluster {Cluster} fails over to [{Targets}] for the kinds of job each prefers", cluster.Name, string.Join(", ", cluster.Failover));
    }

    public static string Version =>
        typeof(StartupReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

namespace Dssr.Scripting.Globals;

/// <summary>The text of <c>#help</c> in the REPL (and <c>Help</c> in scripts).</summary>
internal static class ScriptHelp
{
    public const string Text = """
        C# with the live service at hand. Top-level await works; a line that is not complete yet
        continues on the next one. Results are shown as tables; long ones are cut (all of it: Last.Value).
        A line whose value is a Task is awaited for display: Api.Running() shows the answer.

        Globals
          Clusters                      every cluster, a sequence: Clusters.Select(c => c.Name), Clusters.Default,
                                        Clusters["backup"] (.PreferredJobs .Failover .FailoversOut .FailoversIn .Queue.Latest)
          Cluster("name")               one cluster (no name: the one the API serves): .Name .IsReady
                                        .Queue .Jobs() .FindJob(id) await .SubmitAsync(...) .TerminateAsync(...)
          Connector("name")             that cluster's IConnector, for ad-hoc calls: await Connector().QueryQueueAsync(Ct)
          await Squeue("name")          the cached queue snapshot, shared with the API (one squeue serves both)
          Jobs                          the journal, a sequence (newest first): Jobs.Count(), Jobs.Recent(20) .Find(id) .Named(name)
                                        .InState("RUNNING") .ByState() .OfCluster("name") .FailedOver()
                                        and LINQ: Jobs.Where(j => j.RunsOn == "backup"); a job's .Cluster is
                                        the endpoint it was submitted to, .RunsOn where it lives, .Failover why
          Api                           the legacy routes as the upstream calls them, in-process:
                                        await Api.Running()  .Queued() .Gc() .Live() .Ready() .Nodes()
                                        await Api.Submit(name, number, "#!/bin/bash\n...", nodes: 1)
                                        .ExitStatus/.RunStatus/.Terminate/.Release/.Events(name, number, jobid)
                                        .Request("name/number/jobid/tail", "lines", "100") .Get(route) .Post(route, args)
                                        LegacyApiClient.Over("http://host:5000", "user:password") for another Dssr
          await Ssh("sinfo", "--version")  a command on the cluster's login node as the service account, over the
                                        connector's own SSH connection; SshOn("cluster", ...) for another cluster
          Render(script, name, number, nodes)  what a job would run: .SbatchArguments .Script .Fscript (redacted) .Plan (steps, hooks)
          await Diag("name")            the init report and the SSH checks, as dssr diag prints them
          await Tunnel("jobid")         a running interactive job's tunnel (by job id or number), made if need be:
                                        .Url .State .LocalEnd .BytesToJob .BytesFromJob .OpenConnections
          Ct                            cancelled by Ctrl+C: pass it on, e.g. await Task.Delay(1000, Ct)
          Last                          Last.Exception (the whole last exception), Last.Value, Last.Elapsed
          Print(x)                      writes x as the REPL shows results
          Args                          the arguments of dssr script FILE.csx [args...]
          Host                          the service itself (Host.Options, Host.Journal)

        REPL commands
          #help      this text
          #vars      the variables defined so far
          #reset     a fresh session (variables are dropped)
          #load "x.csx"   (Roslyn) runs a file in the session
        """;
}

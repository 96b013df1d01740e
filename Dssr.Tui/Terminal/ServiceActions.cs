using Dssr.Engine.Api;
using Dssr.Engine.Clusters;
using Dssr.Engine.Connectors;
using Dssr.Engine.Hosting;
using Dssr.Engine.Remote;
using Dssr.Scripting.Api;
using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Terminal;

/// <summary>
/// The console's actions on the live service. Submit, terminate and release go through the legacy
/// HTTP API exactly as the upstream calls it, so what the operator sees is what the upstream gets.
/// </summary>
internal sealed class ServiceActions : IConsoleActions
{
    private readonly ServiceHost _host;
    private readonly Dictionary<string, LegacyApiClient> _clients = new(StringComparer.Ordinal);

    private readonly ReconcileFixes _fixes;
    private readonly RecorderToggle _recorder;

    public ServiceActions(ServiceHost host)
    {
        _host = host;
        _fixes = new ReconcileFixes(host);
        _recorder = new RecorderToggle(host);
    }

    public Task<Engine.Observability.Reconciliation> ReconcileAsync() => _fixes.RunAsync();

    public string DescribeFix(ConsoleCommand fix, Engine.Observability.ReconciliationRow row) => _fixes.Describe(fix, row);

    public Task<string> FixAsync(ConsoleCommand fix, Engine.Observability.ReconciliationRow row) => _fixes.ApplyAsync(fix, row);

    public Task<string> ToggleRecordingAsync() => _recorder.ToggleAsync();

    public async Task<string> SubmitSampleAsync(string cluster, bool interactive = false)
    {
        var number = _host.Journal.List(limit: 1_000).Select(j => j.Number).DefaultIfEmpty(1000).Max() + 1;
        var name = $"{DateTime.UtcNow:yyyyMMddHHmmss}-{RandomTag()}-{(interactive ? "web" : "sample")}-console_s1";
        var endpoint = _host.Clusters.Find(cluster) ?? _host.Clusters.Default;
        var answer = Ensure("/submit", await Api(endpoint).Submit(name, number, interactive ? SampleJob.InteractiveScript : SampleJob.Script));
        var placed = _host.Journal.Find(endpoint.Name, name, number) is { FailedOver: true } record ? $" on {record.RunsOn} (failed over)" : "";
        var kind = interactive ? "interactive sample job" : "sample job";
        var open = interactive ? "; Enter on it shows its URL" : "";
        return $"submitted {kind} {name} #{number} to {endpoint.Name} as {answer.Json[0].GetString()}{placed}{open}";
    }

    public async Task TerminateAsync(QueueRow job) => Ensure("/terminate", await Api(EndpointOf(job)).Terminate(job.Name, job.Number ?? 0, job.JobId));

    public async Task ReleaseAsync(QueueRow job) => Ensure("/release", await Api(EndpointOf(job)).Release(job.Name, job.Number ?? 0, job.JobId));

    public string Describe(ConsoleCommand action, QueueRow job)
    {
        var route = action == ConsoleCommand.Terminate ? "terminate" : "release";
        var args = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            { ["name"] = job.Name, ["number"] = job.Number ?? 0, ["jobid"] = job.JobId });
        return $"POST {_host.Address.TrimEnd('/')}{EndpointOf(job).BasePath}/{route} args={args}";
    }

    /// <summary>
    /// The endpoint the upstream submitted the job to (the journal says which), as the upstream itself would call
    /// it: another endpoint would look for the job id on its own cluster. A job the journal does not know: where it runs.
    /// </summary>
    private Cluster EndpointOf(QueueRow job)
    {
        var submittedTo = _host.Journal.FindByJobId(job.Cluster, job.JobId)?.Cluster ?? job.Cluster;
        return _host.Clusters.Find(submittedTo) ?? _host.Clusters.Find(job.Cluster) ?? _host.Clusters.Default;
    }

    public async Task<string> OutputAsync(QueueRow job)
    {
        var cluster = _host.Clusters.Find(job.Cluster) ?? _host.Clusters.Default;
        var path = RequestPath.Parse($"{job.Name}/{job.Number ?? 0}/{job.JobId}/tail");
        var query = new RequestQuery(new Dictionary<string, IReadOnlyList<string>> { ["lines"] = ["500"] });
        var result = await cluster.RequestAsync(path, query, CancellationToken.None);
        var text = await result.ReadTextAsync();
        var output = result.Status == 200 ? text : $"(no output yet: {result.Status})";
        return cluster.FindJob(job.JobId)?.Secrets is { } secrets ? SecretText.Hide(output, secrets) : output;
    }

    public Task<DiagnosticsView> DiagnoseAsync(string cluster) =>
        ConsoleDiagnostics.RunAsync(_host, _host.Clusters.Find(cluster) ?? _host.Clusters.Default);

    public JobDetail Detail(QueueRow job)
    {
        var record = _host.Journal.FindByJobId(job.Cluster, job.JobId);
        var fields = new List<(string, string)>
        {
            ("name", job.Name), ("number", job.Number?.ToString() ?? "-"), ("cluster", job.Cluster), ("job id", job.JobId),
            ("state", job.State), ("elapsed", QueueRow.FormatElapsed(job.Elapsed)), ("nodes", job.Nodes), ("owner", job.Owner),
        };
        if (record is not null)
        {
            fields.Add(("submitted", record.SubmittedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss")));
            fields.Add(("last seen", $"{record.LastState} at {record.UpdatedAt.ToLocalTime():HH:mm:ss}"));
            fields.Add(("final state", record.FinalState is null ? "-" : $"{record.FinalState} (rc {record.ExitCode})"));
            fields.AddRange(JobPlacement.Fields(record));
            if (record.Secrets is not null)
                fields.AddRange(JobPlacement.Interactive(record, _host.Clusters.Find(record.RunsOn)?.Interactive));
        }
        else fields.Add(("journal", "not in the journal: not submitted through this Dssr"));
        // The submit's named steps, as the log has them (only the first line of each: what changed is in the log).
        if ((_host.Clusters.Find(record?.RunsOn ?? job.Cluster) ?? _host.Clusters.Find(job.Cluster))?.Connector is ISubmitStepSource steps)
            fields.AddRange(steps.SubmitSteps(job.Name).Where(l => l.StartsWith("step ", StringComparison.Ordinal)).Select(l => ("submit", l[5..])));
        // Every per-job command names the job's id or its Slurm name (jarvice_<name>) in its words.
        var ran = _host.Commands.Mentioning(job.JobId, "jarvice_" + job.Name, job.Name + ".out");
        // The arguments come from the logged argv list, each quoted for display, so a quoted or long one shows whole.
        var sbatch = ran.LastOrDefault(c => c.Argv is ["sbatch", ..])?.Argv!.Skip(1).Select(ShellQuoting.Quote).ToList() ?? [];
        var commands = ran.Select(c => $"{c.At:HH:mm:ss} {(c.ExitCode is { } rc ? $"rc {rc}" : c.Error),-8} {c.Elapsed.TotalMilliseconds,6:0} ms  {c.Destination}  {c.Command}")
            .ToList();
        var detail = new JobDetail(job, fields, record?.Fscript ?? "(not known: the job was not submitted through this Dssr)", sbatch, commands);
        // The job's password and token reach no screen, whatever text might carry them.
        return record?.Secrets is { } secrets ? SecretText.Hide(detail, secrets) : detail;
    }

    private LegacyApiClient Api(Cluster? endpoint = null)
    {
        if (!_host.IsServing) throw new InvalidOperationException("the API is not serving (see the header), so the console cannot call it");
        endpoint ??= _host.Clusters.Default;
        // Made on first use: the API's address is known only once its port is bound. Each endpoint takes its own key, else the service's.
        return _clients.TryGetValue(endpoint.Name, out var client) ? client : _clients[endpoint.Name] =
            LegacyApiClient.Over(_host.Address.TrimEnd('/') + endpoint.BasePath, endpoint.Options?.ServerKey ?? _host.Options.ServerKey,
                LegacyApiClient.ExecutorOf(_host.Options)).WithHeader(RequestMeter.ConsoleClientHeader, "console");
    }

    private static ApiAnswer Ensure(string route, ApiAnswer answer) =>
        answer.Ok ? answer : throw new InvalidOperationException($"{route}: {answer.Status} {answer.Body.Trim()}");

    private static string RandomTag() =>
        new(Enumerable.Range(0, 5).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray());
}

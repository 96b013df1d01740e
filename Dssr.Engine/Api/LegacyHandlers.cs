using System.Text.Json;
using Dssr.Engine.Clusters;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Microsoft.AspNetCore.Http;

namespace Dssr.Engine.Api;

/// <summary>The 13 legacy routes (and /ready): read and check arguments, call the cluster, write the original's bytes.</summary>
public sealed class LegacyHandlers
{
    private const string Json = "application/json";
    private const string Html = "text/html; charset=utf-8";
    private readonly ClusterRegistry _clusters;
    private readonly ServiceOptions _options;
    private readonly JobListCache _lists = new();

    public LegacyHandlers(ClusterRegistry clusters, ServiceOptions options)
    {
        _clusters = clusters;
        _options = options;
    }

    private Cluster Cluster => _clusters.Default;

    public Task Live(HttpContext http) => Write(http, 200, Json, LegacyAnswers.StatusOk);

    public Task Ready(HttpContext http)
    {
        if (!_clusters.All.All(c => c.IsReady)) return Write(http, 503, Json, LegacyAnswers.NotReady);
        // Without its journal a replica would answer "no such job" for jobs it cannot look up.
        var journal = Cluster.Journal;
        return journal.Health is { IsHealthy: false } health
            ? Write(http, 503, Json, LegacyAnswers.NotReadyBecause($"journal ({journal.Kind} {journal.Location}) unavailable: {health.Problem}"))
            : Write(http, 200, Json, LegacyAnswers.StatusOk);
    }

    public async Task Gc(HttpContext http)
    {
        var ok = await Cluster.IsReachableAsync(http.RequestAborted);
        await Write(http, ok ? 200 : 500, Json, ok ? LegacyAnswers.StatusOk : LegacyAnswers.StatusBad);
    }

    public Task Nodes(HttpContext http) => Write(http, 200, Html, "true"u8.ToArray());

    public async Task Submit(HttpContext http)
    {
        var args = await LegacyArgs.ReadAsync(http, _options.MaxBodyBytes);
        var request = new SubmitRequest(
            Name: args.RequireJobName(),
            Number: args.RequireInteger("number", min: 0),
            Nodes: (int)args.RequireInteger("nodes", min: 1, max: 100_000),
            HpcScript: args.RequireStringMap("hpc_script"),
            Bearer: args.RequireString("bearer", maxLength: 64 * 1024, allowEmpty: true));
        var result = await Cluster.SubmitAsync(request, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.Submit(result));
    }

    public async Task Running(HttpContext http)
    {
        var snapshot = await Cluster.SnapshotAsync(http.RequestAborted);
        await Write(http, 200, Json, _lists.Running(snapshot));
    }

    public async Task Queued(HttpContext http)
    {
        var snapshot = await Cluster.SnapshotAsync(http.RequestAborted);
        await Write(http, 200, Json, _lists.Queued(snapshot));
    }

    public async Task ExitStatus(HttpContext http)
    {
        var job = await ReadJob(http);
        var status = await Cluster.ExitStatusAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.ExitStatus(status));
    }

    public async Task RunStatus(HttpContext http)
    {
        var job = await ReadJob(http);
        var status = await Cluster.RunStatusAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.RunStatus(status));
    }

    public async Task Terminate(HttpContext http)
    {
        var job = await ReadJob(http);
        await Cluster.TerminateAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.True);
    }

    /// <summary>Constant since the original's v3: the arguments are not read.</summary>
    public Task Online(HttpContext http) => Write(http, 200, Json, LegacyAnswers.True);

    public async Task Release(HttpContext http)
    {
        var job = await ReadJob(http);
        await Cluster.ReleaseAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.True);
    }

    public async Task Events(HttpContext http)
    {
        var job = await ReadJob(http);
        var text = await Cluster.EventsAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.String(text));
    }

    public async Task Request(HttpContext http)
    {
        var path = RequestPath.Parse(RawRequestPath.After(http, "/request/"));
        if (path.Segments.Count is not (1 or 3 or 4) || path.Segments.Any(s => s.Length == 0))
            throw new InvalidInputException("path",
                $"'{path.Raw}' has {path.Segments.Count} segment(s); expected <name>/<number>/<jobid>[/<method>] or a single word such as pvcls");
        var args = await LegacyArgs.ReadAsync(http, _options.MaxBodyBytes);
        var query = args.RequireQuery();
        var result = await Cluster.RequestAsync(path, query, http.RequestAborted);
        if (result.ContentType == RequestResult.Json)
        {
            // As the original: JSON content is parsed and re-encoded, and always sent with 200.
            using var document = JsonDocument.Parse(result.Content ?? "null");
            await Write(http, 200, Json, PythonJsonWriter.ToBytes(w => w.WriteElement(document.RootElement)));
            return;
        }
        await Write(http, result.Status, Html, System.Text.Encoding.UTF8.GetBytes(result.Content ?? ""));
    }

    private async Task<JobRef> ReadJob(HttpContext http)
    {
        var args = await LegacyArgs.ReadAsync(http, _options.MaxBodyBytes);
        return new JobRef(
            Name: args.RequireJobName(),
            Number: args.RequireInteger("number", min: 0),
            JobId: args.RequireString("jobid", maxLength: 200));
    }

    internal static Task Write(HttpContext http, int status, string contentType, byte[] body)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}

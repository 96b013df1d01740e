using System.Text.Json;
using Dssr.Engine.Clusters;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Microsoft.AspNetCore.Http;

namespace Dssr.Engine.Api;

/// <summary>
/// The 13 legacy routes (and /ready) of one endpoint: read and check arguments, call the cluster, write the
/// original's bytes. Each cluster is an endpoint; a per-job route goes to the cluster the journal says the job
/// lives on, which a failover at submit may have made another one.
/// </summary>
internal sealed class LegacyHandlers
{
    private const string Json = "application/json";
    private const string Html = "text/html; charset=utf-8";
    private readonly ClusterRegistry _clusters;
    private readonly ServiceOptions _options;
    private readonly Cluster _endpoint;
    private readonly EndpointJobLists _lists;

    public LegacyHandlers(ClusterRegistry clusters, ServiceOptions options) : this(clusters, clusters.Default, options) { }

    public LegacyHandlers(ClusterRegistry clusters, Cluster endpoint, ServiceOptions options)
    {
        _clusters = clusters;
        _options = options;
        _endpoint = endpoint;
        _lists = new EndpointJobLists(endpoint, clusters);
    }

    /// <summary>The endpoint's own cluster.</summary>
    private Cluster Cluster => _endpoint;

    /// <summary>Where the job lives (from the journal).</summary>
    private Cluster Home(JobRef job) => _endpoint.HomeOf(job.Name, job.Number, job.JobId);

    public Task Live(HttpContext http) => Write(http, 200, Json, LegacyAnswers.StatusOk);

    public Task Ready(HttpContext http)
    {
        if (!Cluster.IsReady) return Write(http, 503, Json, LegacyAnswers.NotReady);
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
        await Write(http, 200, Json, await _lists.ListAsync(JobPhase.Running, http.RequestAborted));
    }

    public async Task Queued(HttpContext http)
    {
        await Write(http, 200, Json, await _lists.ListAsync(JobPhase.Queued, http.RequestAborted));
    }

    public async Task ExitStatus(HttpContext http)
    {
        var job = await ReadJob(http);
        var status = await Home(job).ExitStatusAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.ExitStatus(status));
    }

    public async Task RunStatus(HttpContext http)
    {
        var job = await ReadJob(http);
        var status = await Home(job).RunStatusAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.RunStatus(status));
    }

    public async Task Terminate(HttpContext http)
    {
        var job = await ReadJob(http);
        await Home(job).TerminateAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.True);
    }

    /// <summary>Constant since the original's v3: the arguments are not read.</summary>
    public Task Online(HttpContext http) => Write(http, 200, Json, LegacyAnswers.True);

    public async Task Release(HttpContext http)
    {
        var job = await ReadJob(http);
        await Home(job).ReleaseAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.True);
    }

    public async Task Events(HttpContext http)
    {
        var job = await ReadJob(http);
        var text = await Home(job).EventsAsync(job, http.RequestAborted);
        await Write(http, 200, Json, LegacyAnswers.String(text));
    }

    public async Task Request(HttpContext http)
    {
        var path = RequestPath.Parse(RawRequestPath.After(http, _endpoint.BasePath + "/request/"));
        if (path.Segments.Count is not (1 or 3 or 4) || path.Segments.Any(s => s.Length == 0))
            throw new InvalidInputException("path",
                $"'{path.Raw}' has {path.Segments.Count} segment(s); expected <name>/<number>/<jobid>[/<method>] or a single word such as pvcls");
        var args = await LegacyArgs.ReadAsync(http, _options.MaxBodyBytes);
        var query = args.RequireQuery();
        var home = path.IsJobPath && long.TryParse(path.JobNumber, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? _endpoint.HomeOf(path.JobName!, number, path.JobId!)
            : Cluster;
        var result = await home.RequestAsync(path, query, http.RequestAborted);
        if (result.ContentType == RequestResult.Json)
        {
            // As the original: JSON content is parsed and re-encoded, and sent with 200 (unless it says otherwise).
            using var document = JsonDocument.Parse(result.Content ?? "null");
            if (result.RetryAfterSeconds is { } retry) http.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Write(http, result.KeepsStatus ? result.Status : 200, Json, PythonJsonWriter.ToBytes(w => w.WriteElement(document.RootElement)));
            return;
        }
        if (result.Body is { } body)
        {
            await using (body)
            {
                http.Response.StatusCode = result.Status;
                http.Response.ContentType = Html;
                http.Response.ContentLength = body.Length - body.Position;
                if (!HttpMethods.IsHead(http.Request.Method)) await body.CopyToAsync(http.Response.Body, http.RequestAborted);
            }
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

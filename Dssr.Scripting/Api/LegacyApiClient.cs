using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dssr.Engine.Api;
using Dssr.Engine.Hosting;
using Dssr.Engine.Configuration;

namespace Dssr.Scripting.Api;

/// <summary>
/// The legacy routes called as the Jarvice upstream calls them: GETs, and POSTs of one form field
/// <c>args</c> holding JSON. In scripts it runs in-process (<see cref="InProcess"/>: the service's real
/// request pipeline, no socket, so it works with or without the HTTP server); <see cref="Over"/> talks to
/// any Dssr over real HTTP.
/// </summary>
public sealed class LegacyApiClient
{
    private readonly HttpClient _http;
    private readonly Func<CancellationToken> _token;
    private readonly string _executor;

    public LegacyApiClient(HttpMessageHandler handler, Uri baseAddress, Func<CancellationToken>? token = null, string executor = "singularity")
    {
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _token = token ?? (() => CancellationToken.None);
        _executor = executor;
    }

    /// <summary>
    /// A client of <paramref name="host"/> through its real request pipeline, without a socket. It authenticates as
    /// the service's own key when one is set, and marks its calls so they are not counted as the upstream's.
    /// </summary>
    public static LegacyApiClient InProcess(ServiceHost host, Func<CancellationToken>? token = null)
    {
        var client = new LegacyApiClient(host.InProcessHandler(), new Uri("http://dssr.in-process/"), token, ExecutorOf(host.Options))
            .WithHeader(RequestMeter.ConsoleClientHeader, "repl");
        if (host.Options.ServerKey is { } key)
            client._http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key)));
        return client;
    }

    /// <summary>A client of a Dssr at <paramref name="address"/>; <paramref name="serverKey"/> is <c>user:password</c> when it requires one.</summary>
    public static LegacyApiClient Over(string address, string? serverKey = null, string executor = "singularity")
    {
        var client = new LegacyApiClient(new SocketsHttpHandler(), new Uri(address.TrimEnd('/') + "/"), executor: executor);
        if (serverKey is not null)
            client._http.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(serverKey)));
        return client;
    }

    /// <summary>A header sent with every call, e.g. the console's own marker so its calls are not counted as the upstream's.</summary>
    public LegacyApiClient WithHeader(string name, string value)
    {
        _http.DefaultRequestHeaders.Add(name, value);
        return this;
    }

    public Task<ApiAnswer> Live() => Get("live");
    public Task<ApiAnswer> Ready() => Get("ready");
    public Task<ApiAnswer> Gc() => Get("gc");
    public Task<ApiAnswer> Nodes() => Get("nodes");
    public Task<ApiAnswer> Running() => Get("running");
    public Task<ApiAnswer> Queued() => Get("queued");

    /// <summary>Submits <paramref name="script"/> (plain text; encoded here as the upstream does) under the configured executor.</summary>
    public Task<ApiAnswer> Submit(string name, long number, string script, int nodes = 1, string bearer = "") =>
        Post("submit", new Dictionary<string, object>
        {
            ["name"] = name,
            ["number"] = number,
            ["nodes"] = nodes,
            ["hpc_script"] = new Dictionary<string, string> { [_executor] = Convert.ToBase64String(Encoding.UTF8.GetBytes(script)) },
            ["bearer"] = bearer,
        });

    public Task<ApiAnswer> ExitStatus(string name, long number, string jobId) => Post("exitstatus", Job(name, number, jobId));
    public Task<ApiAnswer> RunStatus(string name, long number, string jobId) => Post("runstatus", Job(name, number, jobId));
    public Task<ApiAnswer> Terminate(string name, long number, string jobId) => Post("terminate", Job(name, number, jobId));
    public Task<ApiAnswer> Release(string name, long number, string jobId) => Post("release", Job(name, number, jobId));
    public Task<ApiAnswer> Events(string name, long number, string jobId) => Post("events", Job(name, number, jobId));
    public Task<ApiAnswer> Online() => Post("online", new Dictionary<string, object>());

    /// <summary><c>/request/&lt;path&gt;</c>, e.g. <c>Request($"{name}/{number}/{jobId}/tail", "lines", "100")</c>.</summary>
    public Task<ApiAnswer> Request(string path, params string[] queryPairs)
    {
        var qs = new Dictionary<string, List<string>>();
        for (var i = 0; i + 1 < queryPairs.Length; i += 2)
        {
            if (!qs.TryGetValue(queryPairs[i], out var values)) qs[queryPairs[i]] = values = [];
            values.Add(queryPairs[i + 1]);
        }
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return Post("request/" + escaped, new Dictionary<string, object> { ["qs"] = qs });
    }

    /// <summary>Any GET route, such as <c>Get("running")</c>.</summary>
    public async Task<ApiAnswer> Get(string route)
    {
        using var response = await _http.GetAsync(route.TrimStart('/'), _token()).ConfigureAwait(false);
        return await Read(response).ConfigureAwait(false);
    }

    /// <summary>Any POST route with <c>args</c> as given (serialised to JSON unless it is already a string).</summary>
    public async Task<ApiAnswer> Post(string route, object args)
    {
        var json = args as string ?? JsonSerializer.Serialize(args);
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("args", json)]);
        using var response = await _http.PostAsync(route.TrimStart('/'), content, _token()).ConfigureAwait(false);
        return await Read(response).ConfigureAwait(false);
    }

    private static Dictionary<string, object> Job(string name, long number, string jobId) =>
        new() { ["name"] = name, ["number"] = number, ["jobid"] = jobId };

    private async Task<ApiAnswer> Read(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "",
            await response.Content.ReadAsStringAsync(_token()).ConfigureAwait(false));

    public static string ExecutorOf(ServiceOptions options) =>
        options.ClusterSettings.TryGetValue("JARVICE_BAREMETAL_EXECUTOR", out var e) && e.Length > 0 ? e : "singularity";
}

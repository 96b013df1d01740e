using Dssr.Engine.Api;
using Dssr.Engine.Connectors;

namespace Dssr.Engine.Interactive;

/// <summary>
/// <c>info</c> and <c>connect</c> of a running interactive job: the tunnel is made (or found) and probed, then the
/// answer carries the job's public URL and password. Until the service answers: 503 <c>{"error": "..."}</c> with
/// Retry-After, the public API's "not yet" shape, so the upstream asks again.
/// </summary>
internal static class InteractiveRequests
{
    /// <summary>
    /// 503, not 409 or a 200 with an empty URL: the job exists and nothing conflicts, the service is only not up
    /// yet; 503 with Retry-After is HTTP's "try again shortly", and the body's <c>error</c> key is what the public
    /// API's clients loop on.
    /// </summary>
    public const int NotReadyStatus = 503;

    public static RequestResult NotReady(string why) =>
        new(NotReadyStatus, RequestResult.Json, Json(w => w.Key("error").String(why))) { KeepsStatus = true, RetryAfterSeconds = 2 };

    /// <summary>404: the job has ended (or was never running here); the upstream stops asking.</summary>
    public static RequestResult NotRunning(long number) =>
        new(404, RequestResult.Json, Json(w => w.Key("error").String($"job {number} is not running"))) { KeepsStatus = true };

    public static RequestResult Info(JobTunnel tunnel, JobsDomain domain)
    {
        var url = tunnel.Url;
        var json = Json(w => w
            .Key("about").String("")
            .Key("actions").StartObject().EndObject()
            .Key("address").String(domain.ConnectAddress(tunnel.Number))
            .Key("help").String("")
            .Key("password").String(tunnel.Secrets.Password)
            .Key("url").String(url));
        return new RequestResult(200, RequestResult.Json, json);
    }

    public static RequestResult Connect(JobTunnel tunnel, JobsDomain domain) =>
        new(200, RequestResult.Json, Json(w => w
            .Key("address").String(domain.ConnectAddress(tunnel.Number))
            .Key("password").String(tunnel.Secrets.Password)));

    /// <summary>One object in the legacy writer's bytes (the handler re-encodes it the same way).</summary>
    private static string Json(Action<PythonJsonWriter> members) =>
        System.Text.Encoding.UTF8.GetString(PythonJsonWriter.ToBytes(w =>
        {
            w.StartObject();
            members(w);
            w.EndObject();
        }));
}

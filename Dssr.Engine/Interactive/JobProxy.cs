using System.Net;
using Dssr.Engine.Api;
using Dssr.Engine.Clusters;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Dssr.Engine.Interactive;

/// <summary>
/// The job proxy: a request for <c>/job&lt;number&gt;/…</c> (path-based) or <c>job-&lt;number&gt;.&lt;domain&gt;</c>
/// (host-based) goes to that running job's service through its tunnel, by Yarp's forwarder (HTTP/1.1, and WebSocket
/// upgrades both ways). The path is passed whole: under path-based routing the app serves under its
/// <c>JARVICE_INGRESSPATH</c>. Unknown or finished jobs: 404 JSON; a job still starting: 503 JSON with Retry-After.
/// A request that fails before any answer (the SSH connection under the tunnel dropped) closes the tunnel, and a
/// GET or HEAD is sent once more through a new one.
/// </summary>
internal sealed class JobProxy
{
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        // A WebSocket with no traffic for this long is closed; noVNC and Jupyter kernels ping well within it.
        ActivityTimeout = TimeSpan.FromMinutes(15),
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private readonly ClusterRegistry _clusters;
    private readonly IHttpForwarder _forwarder;
    private readonly ILogger _log;

    public JobProxy(ClusterRegistry clusters, IHttpForwarder forwarder, ILogger log)
    {
        _clusters = clusters;
        _forwarder = forwarder;
        _log = log;
    }

    /// <summary>The job a request is for, by its host or its first path segment, on any cluster that publishes jobs.</summary>
    public (Cluster Cluster, long Number)? Route(HttpRequest request)
    {
        foreach (var cluster in _clusters.All)
        {
            if (cluster.Interactive is not { } tunnels) continue;
            var domain = tunnels.Domain;
            var number = domain.IsPathBased ? domain.JobOfPath(request.Path.Value ?? "/") : domain.JobOfHost(request.Host.Value ?? "");
            if (number is { } n) return (cluster, n);
        }
        return null;
    }

    public async Task HandleAsync(HttpContext http, Cluster cluster, long number)
    {
        var outcome = await cluster.TunnelOfNumberAsync(number, http.RequestAborted);
        if (outcome is null)
        {
            await LegacyHandlers.Write(http, 404, "application/json", LegacyAnswers.Error($"job {number} is not a running interactive job"));
            return;
        }
        if (outcome.Tunnel is not { } tunnel)
        {
            http.Response.Headers.RetryAfter = "2";
            await LegacyHandlers.Write(http, InteractiveRequests.NotReadyStatus, "application/json", LegacyAnswers.Error(outcome.NotReady!));
            return;
        }
        if (cluster.Interactive!.Settings.RequireToken)
        {
            if (!JobAccess.Allows(http.Request, tunnel.Secrets, out var setCookie))
            {
                await LegacyHandlers.Write(http, 401, "application/json", LegacyAnswers.Error($"job {number} needs its token: ?token=, a Bearer header or Basic with its password"));
                return;
            }
            if (setCookie)
                http.Response.Cookies.Append(JobAccess.Cookie, tunnel.Token(), new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                    Path = cluster.Interactive.Domain.BasePath(number),
                });
        }

        var error = await ForwardAsync(http, tunnel);
        if (error is not (ForwarderError.None or ForwarderError.RequestCanceled) && !http.Response.HasStarted
            && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
        {
            // Nothing answered: the tunnel is broken (its SSH connection dropped); make it again, once.
            await cluster.Interactive.CloseAsync(tunnel.JobId, $"a request failed ({error})");
            var again = await cluster.TunnelOfNumberAsync(number, http.RequestAborted);
            if (again?.Tunnel is { } fresh)
            {
                http.Response.Clear();
                error = await ForwardAsync(http, fresh);
            }
        }
        if (error != ForwarderError.None)
        {
            _log.LogInformation("Proxied request to job {Number} failed: {Error}", number, error);
            if (error is not (ForwarderError.RequestCanceled or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled))
                await cluster.Interactive.CloseAsync(tunnel.JobId, $"a request failed ({error})");
        }
    }

    private ValueTask<ForwarderError> ForwardAsync(HttpContext http, JobTunnel tunnel)
    {
        tunnel.Touch();
        return _forwarder.SendAsync(http, "http://job/", tunnel.Invoker, RequestConfig, KeepHost.Instance);
    }

    /// <summary>The original Host goes to the app: Jupyter compares a WebSocket's Origin with it.</summary>
    private sealed class KeepHost : HttpTransformer
    {
        public static readonly KeepHost Instance = new();

        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Host = httpContext.Request.Host.Value;
        }
    }
}

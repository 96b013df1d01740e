using System.Diagnostics;
using Dssr.Engine.Clusters;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Engine.Interactive;
using Dssr.Engine.Observability;
using Yarp.ReverseProxy.Forwarder;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Api;

/// <summary>
/// The Kestrel app (configured on the service's builder, mapped on its app) that serves the legacy API for a set of clusters: each cluster is an endpoint with the
/// 13 routes and /ready under its base (<c>/</c> for <c>default</c>, <c>/clusters/NAME/</c> for the others, and
/// <c>/</c> of its own <c>listen:</c> address when it has one) and its own server key or the service's. /live is global.
/// </summary>
internal static class LegacyApiServer
{
    /// <summary>The listeners (the API's, each cluster's own, the job proxy's, /metrics'), Kestrel's limits, the forwarder.</summary>
    public static void Configure(WebApplicationBuilder builder, ServiceOptions options)
    {
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.WebHost.UseUrls([options.ListenUrl, .. options.Clusters.Select(c => c.ListenUrl).OfType<string>(),
            .. options.JobsListenUrl is { } jobs ? [jobs] : Array.Empty<string>(),
            .. options.MetricsListenUrl is { } metricsUrl ? [metricsUrl] : Array.Empty<string>()]);
        builder.Services.AddHttpForwarder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Bodies up to this are read and refused with a 400; larger ones are cut off by Kestrel.
            k.Limits.MaxRequestBodySize = Math.Max(options.MaxBodyBytes * 4, 16 * 1024 * 1024);
        });
    }

    /// <summary>The middleware and the routes, on the built app, over the parts in its services.</summary>
    public static void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<ServiceOptions>();
        var clusters = app.Services.GetRequiredService<ClusterRegistry>();
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        var meter = app.Services.GetRequiredService<RequestMeter>();
        var metrics = app.Services.GetRequiredService<DssrMetrics>();
        var recording = app.Services.GetRequiredService<RecordingSwitch>();
        var ownListens = clusters.All.Where(c => c.Options?.ListenUrl is not null).ToList();
        var log = logs.CreateLogger("dssr.api");
        var auths = clusters.All.ToDictionary(c => c.BasePath, c => (c.Options?.ServerKey ?? options.ServerKey) is { } key ? new BasicAuth(key) : null, StringComparer.Ordinal);
        var limiter = options.AuthFailuresPerMinute > 0 && auths.Values.Any(a => a is not null) ? new AuthFailureLimiter(options.AuthFailuresPerMinute) : null;
        if (limiter is not null) app.Lifetime.ApplicationStopped.Register(limiter.Dispose);
        var byPort = ownListens.ToDictionary(c => new Uri(c.Options!.ListenUrl!).Port, c => c.BasePath);

        // Interactive jobs' pages first: they are not the API's (no Basic auth, no route table, not metered).
        var proxy = new JobProxy(clusters, app.Services.GetRequiredService<IHttpForwarder>(), logs.CreateLogger("dssr.jobproxy"));
        var jobsPort = options.JobsListenUrl is { } jobsUrl ? new Uri(jobsUrl).Port : (int?)null;
        app.Use((http, next) => JobProxyGuard(http, next, proxy, jobsPort, log));

        // The metrics listener serves /metrics only.
        if (options.MetricsListenUrl is { } metricsListen)
        {
            var metricsPort = new Uri(metricsListen).Port;
            app.Use((http, next) => http.Connection.LocalPort == metricsPort && http.Request.Path != ObservabilityMiddleware.MetricsPath
                ? LegacyHandlers.Write(http, 404, "application/json", LegacyAnswers.Error($"this listener serves {ObservabilityMiddleware.MetricsPath} only"))
                : next(http));
        }

        // A cluster's own address serves its routes at /: the request is seen as its /clusters/NAME/ one.
        if (byPort.Count > 0)
            app.Use((http, next) =>
            {
                if (byPort.TryGetValue(http.Connection.LocalPort, out var basePath) && !LegacyRoutes.IsLive(http.Request.Path))
                {
                    http.Request.Path = new PathString(basePath).Add(http.Request.Path);
                    if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>() is { } feature)
                        feature.RawTarget = basePath + feature.RawTarget;
                }
                return next(http);
            });

        // Routing first and endpoints last, as the host would add them, but on the app itself: the in-process
        // client (PipelineHandler) runs this same pipeline without a socket.
        app.UseRouting();
        var observe = new ObservabilityMiddleware(metrics, () => recording.Current);
        app.Use(observe.InvokeAsync);
        app.Use((http, next) =>
        {
            if (http.Request.Path != ObservabilityMiddleware.MetricsPath)
                meter.Record(fromUpstream: !http.Request.Headers.ContainsKey(RequestMeter.ConsoleClientHeader));
            return Guard(http, next, log, auths.GetValueOrDefault(LegacyRoutes.BaseOf(http.Request.Path)), limiter);
        });
        var handlers = clusters.All.ToDictionary(c => c.Name, c => new LegacyHandlers(clusters, c, options), StringComparer.Ordinal);
        foreach (var cluster in clusters.All)
        foreach (var route in LegacyRoutes.All)
        {
            if (route.Global && cluster.BasePath.Length > 0) continue;
            var handle = route.Handler(handlers[cluster.Name]);
            var allow = string.Join(", ", LegacyRoutes.Methods(route));
            app.MapMethods(cluster.BasePath + route.Pattern, LegacyRoutes.Methods(route), http =>
            {
                if (HttpMethods.IsOptions(http.Request.Method))
                {
                    http.Response.Headers.Allow = allow;
                    http.Response.ContentLength = 0;
                    return Task.CompletedTask;
                }
                return handle(http);
            });
        }
        // Behind the default endpoint's key, as every route but the probes.
        app.MapMethods(ObservabilityMiddleware.MetricsPath, ["GET", "HEAD"], async http =>
        {
            http.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            if (!HttpMethods.IsHead(http.Request.Method)) await metrics.WriteAsync(http.Response.Body, http.RequestAborted);
        });
        app.UseEndpoints(_ => { });
    }

    /// <summary>
    /// Everything around a handler: authentication, one debug line per request, and turning every
    /// failure into a JSON answer (400 for bad input, 500 for the cluster, never a page or a trace).
    /// </summary>
    private static async Task Guard(HttpContext http, RequestDelegate next, ILogger log, BasicAuth? auth, AuthFailureLimiter? limiter)
    {
        var started = log.IsEnabled(LogLevel.Debug) ? Stopwatch.GetTimestamp() : 0;
        try
        {
            if (auth is not null && !LegacyRoutes.IsOpen(http.Request.Path) && limiter is not null && limiter.IsLockedOut(http.Connection.RemoteIpAddress))
            {
                http.Response.Headers.RetryAfter = ((int)AuthFailureLimiter.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await LegacyHandlers.Write(http, 429, "application/json", LegacyAnswers.Error(
                    $"too many failed authentications from this address (more than {limiter.PerMinute} a minute); try again within a minute"));
                return;
            }
            if (auth is not null && !LegacyRoutes.IsOpen(http.Request.Path) && !auth.IsAuthorized(http.Request))
            {
                if (limiter?.RecordFailure(http.Connection.RemoteIpAddress) == true)
                    log.LogWarning("{Address} failed authentication {Count} times within a minute; refused until the minute ends",
                        http.Connection.RemoteIpAddress?.ToString() ?? "an in-process client", limiter.PerMinute);
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"dssr\"";
                await LegacyHandlers.Write(http, 401, "application/json",
                    LegacyAnswers.Error("authentication required: HTTP Basic with the JARVICE_SCHED_SERVER_KEY credentials"));
                return;
            }
            if (HasTrailingSlash(http.Request.Path))
                http.Response.StatusCode = 404; // no trailing-slash leniency: /live/ is not /live, as in Flask
            else
                await next(http);
            if (http.Response is { HasStarted: false, StatusCode: 404 or 405 })
                await WriteRoutingError(http);
        }
        catch (Exception e) when (FailureStatus.Of(e) is { } status)
        {
            if (status == FailureStatus.ClusterFailed)
                log.LogError("{Method} {Path} failed: {Error}", http.Request.Method, http.Request.Path.Value, e.Message);
            await Fail(http, status, e.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
        catch (Exception e)
        {
            log.LogError(e, "{Method} {Path} failed unexpectedly", http.Request.Method, http.Request.Path.Value);
            await Fail(http, 500, $"internal error ({e.GetType().Name}); see the service log");
        }
        finally
        {
            if (started != 0)
                log.LogDebug("{Method} {Path} {Status} {Ms:0.0} ms", http.Request.Method, http.Request.Path.Value,
                    http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>A job's request to the proxy, failures as JSON; on the proxy's own listener nothing else is served.</summary>
    private static async Task JobProxyGuard(HttpContext http, RequestDelegate next, JobProxy proxy, int? jobsPort, ILogger log)
    {
        var route = proxy.Route(http.Request);
        if (route is null)
        {
            if (jobsPort is { } port && http.Connection.LocalPort == port)
                await LegacyHandlers.Write(http, 404, "application/json", LegacyAnswers.Error($"no interactive job at {http.Request.Host}{http.Request.Path}"));
            else
                await next(http);
            return;
        }
        try
        {
            await proxy.HandleAsync(http, route.Value.Cluster, route.Value.Number);
        }
        catch (Exception e) when (FailureStatus.Of(e) is { } status)
        {
            log.LogWarning("Job {Number} proxy: {Error}", route.Value.Number, e.Message);
            await Fail(http, status, e.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The browser went away.
        }
    }

    private static bool HasTrailingSlash(PathString path) =>
        path.Value is { Length: > 1 } p && p[^1] == '/' && !p[LegacyRoutes.BaseOf(path).Length..].StartsWith("/request/", StringComparison.Ordinal);

    private static Task WriteRoutingError(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var message = status == 404
            ? $"no route {http.Request.Path.Value}; the routes are /live /ready /gc /submit /nodes /running /queued /exitstatus /runstatus /terminate /online /release /events /request/<path>, each also under /clusters/<name> for the clusters of dssr.yaml"
            : $"method {http.Request.Method} is not allowed on {http.Request.Path.Value}; allowed: {http.Response.Headers.Allow}";
        return LegacyHandlers.Write(http, status, "application/json", LegacyAnswers.Error(message));
    }

    private static Task Fail(HttpContext http, int status, string message)
    {
        if (http.Response.HasStarted) return Task.CompletedTask;
        http.Response.Clear();
        return LegacyHandlers.Write(http, status, "application/json", LegacyAnswers.Error(message));
    }
}

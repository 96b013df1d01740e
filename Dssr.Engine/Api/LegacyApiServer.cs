using System.Diagnostics;
using Dssr.Engine.Clusters;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Api;

/// <summary>Builds the Kestrel app that serves the legacy API for a set of clusters.</summary>
public static class LegacyApiServer
{
    public static WebApplication Build(ServiceOptions options, ClusterRegistry clusters, ILoggerFactory logs, RequestMeter meter)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.WebHost.UseUrls(options.ListenUrl);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Bodies up to this are read and refused with a 400; larger ones are cut off by Kestrel.
            k.Limits.MaxRequestBodySize = Math.Max(options.MaxBodyBytes * 4, 16 * 1024 * 1024);
        });
        // Replace the host's own lifetime logging: the service logs its own start line.
        builder.Services.AddSingleton<ILoggerFactory>(logs);
        var app = builder.Build();

        var log = logs.CreateLogger("dssr.api");
        var handlers = new LegacyHandlers(clusters, options);
        var auth = options.ServerKey is null ? null : new BasicAuth(options.ServerKey);

        // Routing first and endpoints last, as the host would add them, but on the app itself: the in-process
        // client (PipelineHandler) runs this same pipeline without a socket.
        app.UseRouting();
        app.Use((http, next) =>
        {
            meter.Record(fromUpstream: !http.Request.Headers.ContainsKey(RequestMeter.ConsoleClientHeader));
            return Guard(http, next, log, auth);
        });
        foreach (var route in LegacyRoutes.All)
        {
            var handle = route.Handler(handlers);
            var allow = string.Join(", ", LegacyRoutes.Methods(route));
            app.MapMethods(route.Pattern, LegacyRoutes.Methods(route), http =>
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
        app.UseEndpoints(_ => { });
        return app;
    }

    /// <summary>
    /// Everything around a handler: authentication, one debug line per request, and turning every
    /// failure into a JSON answer (400 for bad input, 500 for the cluster, never a page or a trace).
    /// </summary>
    private static async Task Guard(HttpContext http, RequestDelegate next, ILogger log, BasicAuth? auth)
    {
        var started = log.IsEnabled(LogLevel.Debug) ? Stopwatch.GetTimestamp() : 0;
        try
        {
            if (auth is not null && !LegacyRoutes.IsOpen(http.Request.Path) && !auth.IsAuthorized(http.Request))
            {
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

    private static bool HasTrailingSlash(PathString path) =>
        path.Value is { Length: > 1 } p && p[^1] == '/' && !p.StartsWith("/request/", StringComparison.Ordinal);

    private static Task WriteRoutingError(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var message = status == 404
            ? $"no route {http.Request.Path.Value}; the routes are /live /ready /gc /submit /nodes /running /queued /exitstatus /runstatus /terminate /online /release /events /request/<path>"
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

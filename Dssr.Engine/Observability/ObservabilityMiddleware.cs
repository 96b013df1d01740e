using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Dssr.Engine.Observability;

/// <summary>
/// Around every legacy API request: its id (the <c>X-Request-Id</c> it brought, or a new one, answered back), its
/// count and latency by route and status, and its line in the recording when one is kept.
/// </summary>
internal sealed class ObservabilityMiddleware(DssrMetrics metrics, Func<ConversationRecorder?> recorder)
{
    public const string MetricsPath = "/metrics";

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var id = RequestContext.TakeOrMake(http.Request.Headers[RequestContext.Header].ToString());
        RequestContext.Enter(id);
        http.Response.Headers[RequestContext.Header] = id;
        var at = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http).ConfigureAwait(false);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var route = RouteOf(http);
            var status = http.Response.StatusCode;
            metrics.ObserveRequest(route, status, elapsed);
            // Scrapes and the console's own requests are not the upstream's conversation.
            if (recorder() is { } rec && route != MetricsPath && !http.Request.Headers.ContainsKey(Api.RequestMeter.ConsoleClientHeader))
                rec.Record(new RecordedExchange(at, id, http.Request.Method, http.Request.Path.Value ?? "/",
                    http.Request.QueryString.HasValue ? http.Request.QueryString.Value : null, ArgsOf(http), status,
                    http.Response.ContentLength ?? 0, Math.Round(elapsed.TotalMilliseconds, 3)));
            RequestContext.Enter(null);
        }
    }

    /// <summary>The route's pattern (bounded label values), never the raw path.</summary>
    private static string RouteOf(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : "unmatched";

    /// <summary>The args field as the handler read it; a request whose form was never read has none.</summary>
    private static string? ArgsOf(HttpContext http) =>
        http.Features.Get<IFormFeature>() is { Form: { } form } && form.TryGetValue("args", out var args) && args.Count > 0 ? args[0] : null;
}

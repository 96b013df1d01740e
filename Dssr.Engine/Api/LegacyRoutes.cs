using Microsoft.AspNetCore.Http;

namespace Dssr.Engine.Api;

/// <summary>The route table: the original's 13 routes with their methods, plus /ready.</summary>
public static class LegacyRoutes
{
    public sealed record Route(string Pattern, string Method, Func<LegacyHandlers, RequestDelegate> Handler, bool Open = false);

    public static IReadOnlyList<Route> All { get; } =
    [
        new("/live", "GET", h => h.Live, Open: true),
        new("/ready", "GET", h => h.Ready, Open: true),
        new("/gc", "GET", h => h.Gc),
        new("/submit", "POST", h => h.Submit),
        new("/nodes", "GET", h => h.Nodes),
        new("/running", "GET", h => h.Running),
        new("/queued", "GET", h => h.Queued),
        new("/exitstatus", "POST", h => h.ExitStatus),
        new("/runstatus", "POST", h => h.RunStatus),
        new("/terminate", "POST", h => h.Terminate),
        new("/online", "POST", h => h.Online),
        new("/release", "POST", h => h.Release),
        new("/events", "POST", h => h.Events),
        new("/request/{**path}", "POST", h => h.Request),
    ];

    /// <summary>The methods a route answers: its own, HEAD for GET routes, and OPTIONS, as Flask does.</summary>
    public static string[] Methods(Route route) =>
        route.Method == "GET" ? ["GET", "HEAD", "OPTIONS"] : [route.Method, "OPTIONS"];

    public static bool IsOpen(PathString path) =>
        path.Equals("/live", StringComparison.Ordinal) || path.Equals("/ready", StringComparison.Ordinal);
}

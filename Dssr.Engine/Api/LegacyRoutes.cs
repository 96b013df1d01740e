using Microsoft.AspNetCore.Http;

namespace Dssr.Engine.Api;

/// <summary>The route table: the original's 13 routes with their methods, plus /ready.</summary>
internal static class LegacyRoutes
{
    /// <param name="Global">Served once, at <c>/</c>, not per cluster.</param>
    public sealed record Route(string Pattern, string Method, Func<LegacyHandlers, RequestDelegate> Handler, bool Open = false, bool Global = false);

    public const string ClustersPrefix = "/clusters/";

    public static IReadOnlyList<Route> All { get; } =
    [
        new("/live", "GET", h => h.Live, Open: true, Global: true),
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

    /// <summary>/live, and each endpoint's /ready: the probes, never behind a key.</summary>
    public static bool IsOpen(PathString path) =>
        IsLive(path) || path.Equals("/ready", StringComparison.Ordinal)
        || path.Value is { } p && p.StartsWith(ClustersPrefix, StringComparison.Ordinal) && p.EndsWith("/ready", StringComparison.Ordinal)
           && p.AsSpan(ClustersPrefix.Length, p.Length - ClustersPrefix.Length - "/ready".Length).IndexOf('/') < 0;

    public static bool IsLive(PathString path) => path.Equals("/live", StringComparison.Ordinal);

    /// <summary>The endpoint a path belongs to: <c>/clusters/NAME</c>, or empty for the default one.</summary>
    public static string BaseOf(PathString path)
    {
        if (path.Value is not { } p || !p.StartsWith(ClustersPrefix, StringComparison.Ordinal)) return "";
        var end = p.IndexOf('/', ClustersPrefix.Length);
        return end < 0 ? p : p[..end];
    }
}

using System.Net.Http.Headers;
using Dssr.Engine.Api;
using Dssr.Engine.Clusters;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Dssr.Scripting.Api;

/// <summary>
/// Delivers a request straight to the service's legacy handlers, without a socket: the same route
/// table, argument parsing and answer bytes as over HTTP, with bad input as 400 and cluster failures
/// as 500 as the server maps them. Authentication is not applied (the caller is inside the process),
/// and an unexpected exception reaches the script whole rather than as an opaque 500.
/// </summary>
internal sealed class InProcessLegacyHandler : HttpMessageHandler
{
    private readonly LegacyHandlers _handlers;

    public InProcessLegacyHandler(ClusterRegistry clusters, ServiceOptions options) =>
        _handlers = new LegacyHandlers(clusters, options);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var uri = request.RequestUri!;
        var http = new DefaultHttpContext { RequestAborted = ct };
        http.Request.Method = request.Method.Method;
        http.Request.Path = PathString.FromUriComponent(uri.AbsolutePath);
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = uri.PathAndQuery;
        if (request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
            http.Request.ContentType = request.Content.Headers.ContentType?.ToString();
        }
        var output = new MemoryStream();
        http.Response.Body = output;

        var route = LegacyRoutes.All.FirstOrDefault(r => Matches(r.Pattern, http.Request.Path.Value ?? ""));
        if (route is null)
            await Fail(http, 404, $"no route {http.Request.Path.Value}").ConfigureAwait(false);
        else if (!LegacyRoutes.Methods(route).Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase))
            await Fail(http, 405, $"method {http.Request.Method} is not allowed on {http.Request.Path.Value}").ConfigureAwait(false);
        else
        {
            try
            {
                await route.Handler(_handlers)(http).ConfigureAwait(false);
            }
            catch (Exception e) when (FailureStatus.Of(e) is { } status)
            {
                await Fail(http, status, e.Message).ConfigureAwait(false);
            }
        }

        var response = new HttpResponseMessage((System.Net.HttpStatusCode)http.Response.StatusCode)
        {
            Content = new ByteArrayContent(output.ToArray()),
            RequestMessage = request,
        };
        if (http.Response.ContentType is { } type) response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return response;
    }

    private static bool Matches(string pattern, string path)
    {
        var wildcard = pattern.IndexOf("{**", StringComparison.Ordinal);
        return wildcard < 0
            ? string.Equals(pattern, path, StringComparison.Ordinal)
            : path.StartsWith(pattern[..wildcard], StringComparison.Ordinal) && path.Length > wildcard;
    }

    private static Task Fail(HttpContext http, int status, string message)
    {
        http.Response.Body.SetLength(0);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        return http.Response.Body.WriteAsync(LegacyAnswers.Error(message)).AsTask();
    }
}

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dssr.Engine.Hosting;

/// <summary>
/// Sends a request through the service's real request pipeline without a socket: authentication, routing,
/// argument validation, the failure-to-status mapping and the request meter all apply, exactly as over HTTP,
/// whether or not the HTTP server is listening.
/// </summary>
internal sealed class PipelineHandler : HttpMessageHandler
{
    private readonly RequestDelegate _pipeline;
    private readonly IServiceProvider _services;

    public PipelineHandler(RequestDelegate pipeline, IServiceProvider services)
    {
        _pipeline = pipeline;
        _services = services;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var uri = request.RequestUri!;
        await using var scope = _services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestAborted = ct, RequestServices = scope.ServiceProvider };
        http.Request.Method = request.Method.Method;
        http.Request.Scheme = uri.Scheme;
        http.Request.Host = new HostString(uri.Authority);
        http.Request.Path = PathString.FromUriComponent(uri.AbsolutePath);
        http.Request.QueryString = QueryString.FromUriComponent(uri.Query);
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = uri.PathAndQuery;
        foreach (var (name, values) in request.Headers) http.Request.Headers[name] = values.ToArray();
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers) http.Request.Headers[name] = values.ToArray();
            var body = await request.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            http.Request.Body = new MemoryStream(body);
            http.Request.ContentLength = body.Length;
        }
        var output = new MemoryStream();
        http.Response.Body = output;

        await _pipeline(http).ConfigureAwait(false);

        var response = new HttpResponseMessage((System.Net.HttpStatusCode)http.Response.StatusCode)
        {
            Content = new ByteArrayContent(output.ToArray()),
            RequestMessage = request,
        };
        foreach (var (name, values) in http.Response.Headers)
            if (!response.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                response.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        if (http.Response.ContentType is { } type) response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return response;
    }
}

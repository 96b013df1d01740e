using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dssr.Connectors.Dummy;

/// <summary>
/// What the dummy's interactive jobs serve, published through the same job proxy as a real cluster's (no SSH): a
/// small page naming the path asked, and a WebSocket echo on any path. One service on 127.0.0.1 for every job.
/// </summary>
internal sealed class DummyJobService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DummyJobService(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<DummyJobService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(ServeAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DummyJobService(app, new Uri(address).Port);
    }

    public static string Page(string path) =>
        $"<!doctype html>\n<title>Dssr dummy job</title>\n<p>An interactive dummy job answers {WebUtility.HtmlEncode(path)}</p>\n";

    private static async Task ServeAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(Page(http.Request.Path + http.Request.QueryString), Encoding.UTF8);
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, http.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, http.RequestAborted);
                return;
            }
            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, http.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

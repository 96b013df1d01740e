using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>A site's webhook receiver on 127.0.0.1: keeps every POSTed body and answers 204.</summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly Task _loop;

    public WebhookListener()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/jobs-ended/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }
    public IReadOnlyList<string> Bodies => [.. _bodies];

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using (var reader = new StreamReader(context.Request.InputStream)) _bodies.Enqueue(await reader.ReadToEndAsync());
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    /// <summary>Waits until <paramref name="count"/> bodies have come; fails the test after <paramref name="seconds"/>.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(int count, double seconds)
    {
        await Poll.UntilAsync(() => Task.FromResult(_bodies.Count >= count), seconds, () => $"{_bodies.Count} of {count} webhook calls came: {string.Join(" | ", _bodies)}");
        return Bodies;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}

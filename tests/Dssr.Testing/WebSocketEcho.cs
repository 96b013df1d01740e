using System.Net.WebSockets;
using System.Text;

namespace Dssr.Testing;

/// <summary>Sends numbered text messages over a WebSocket, one at a time, and returns what came back, in order.</summary>
public static class WebSocketEcho
{
    public static async Task<IReadOnlyList<string>> RoundTripsAsync(Uri uri, int count, CancellationToken ct = default, string? host = null)
    {
        using var socket = new ClientWebSocket();
        if (host is not null) socket.Options.SetRequestHeader("Host", host);
        await socket.ConnectAsync(uri, ct);
        var received = new List<string>(count);
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < count; i++)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(Message(i)), WebSocketMessageType.Text, true, ct);
            received.Add(await ReceiveAsync(socket, buffer, ct));
        }
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, ct);
        return received;
    }

    public static string Message(int i) => $"message {i} \u00e9\u4e2d";

    public static IReadOnlyList<string> Expected(int count) => Enumerable.Range(0, count).Select(Message).ToList();

    public static async Task<string> ReceiveAsync(WebSocket socket, byte[] buffer, CancellationToken ct)
    {
        var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed by the server");
            text.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray());
    }
}

using System.Text;

namespace Dssr.Engine.Interactive;

/// <summary>
/// Whether a job's service answers through its tunnel: an HTTP request answered with any status. A forward to a
/// port nobody listens on is accepted by ssh and fails only per connection, so the forward alone proves nothing.
/// </summary>
internal static class ServiceProbe
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("HEAD / HTTP/1.0\r\nHost: dssr-probe\r\n\r\n");

    public static async Task<bool> AnswersAsync(JobTunnel tunnel, TimeSpan limit, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(limit);
        try
        {
            await using var stream = await tunnel.ConnectRawAsync(bounded.Token).ConfigureAwait(false);
            await stream.WriteAsync(Request, bounded.Token).ConfigureAwait(false);
            var buffer = new byte[5];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), bounded.Token).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
            return read == buffer.Length && Encoding.ASCII.GetString(buffer) == "HTTP/";
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}

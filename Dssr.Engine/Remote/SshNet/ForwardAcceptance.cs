using System.Collections.Concurrent;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// Which connections an SSH.NET local forward has started to serve, by their originating port (its RequestReceived
/// event, raised as it takes a connection on), so <see cref="UnixBridge"/> hands it the next one only then.
/// </summary>
internal sealed class ForwardAcceptance
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _taken = new();

    public void Taken(int originatorPort) => Slot(originatorPort).TrySetResult();

    /// <summary>Waits until the forward has taken the connection from <paramref name="originatorPort"/>, or the limit passes.</summary>
    public async Task WaitAsync(int originatorPort, TimeSpan limit, CancellationToken ct)
    {
        try
        {
            await Slot(originatorPort).Task.WaitAsync(limit, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // An older SSH.NET that raises no event: go on, as without this wait.
        }
        finally
        {
            _taken.TryRemove(originatorPort, out _);
        }
    }

    private TaskCompletionSource Slot(int port) =>
        _taken.GetOrAdd(port, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

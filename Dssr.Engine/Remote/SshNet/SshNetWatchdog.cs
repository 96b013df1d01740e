namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// Bounds SSH.NET calls that can block past every token: a channel open on a hung server waits the whole
/// connection timeout before its Task even exists, and keep-alives do not notice a peer that stopped.
/// When the limit passes, the connection is given up (the next caller connects anew) and the call is left to finish alone.
/// </summary>
internal static class SshNetWatchdog
{
    public static async Task<T> GuardAsync<T>(Task<T> work, TimeSpan limit, Action onExpired, CancellationToken ct)
    {
        try
        {
            return await work.WaitAsync(limit, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            onExpired();
            Forget(work);
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Forget(work);
            throw;
        }
    }

    /// <summary>Observes a call that nobody waits for any more, so its late failure is not an unobserved exception.</summary>
    public static void Forget(Task work) =>
        work.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}

namespace Dssr.Tui.Terminal;

/// <summary>
/// For the span of a handler, no synchronization context: async work it starts continues on the
/// thread pool, and only its result is handed to the UI thread (by <c>Invoke</c>).
/// </summary>
internal readonly struct NoSynchronizationContext : IDisposable
{
    private readonly SynchronizationContext? _saved;

    public NoSynchronizationContext()
    {
        _saved = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
    }

    public void Dispose() => SynchronizationContext.SetSynchronizationContext(_saved);
}

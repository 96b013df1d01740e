namespace Dssr.Engine.Clusters;

/// <summary>
/// One-at-a-time per key (a submit's name and number), holding an entry only while someone holds or waits for it:
/// a gate kept per key for ever would grow by one for every job a service ever submitted.
/// </summary>
internal sealed class KeyedGate<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _entries = new();

    /// <summary>Entries held or waited for now (for tests).</summary>
    public int Count
    {
        get { lock (_entries) return _entries.Count; }
    }

    /// <summary>Waits for the key's turn; disposing the answer gives the turn to the next caller.</summary>
    public async Task<IDisposable> EnterAsync(TKey key, CancellationToken ct)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!)) _entries[key] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Turn.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }
        return new Turn(this, key, entry);
    }

    private void Leave(TKey key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0) _entries.Remove(key);
        }
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Turn = new(1, 1);
        public int Users;
    }

    private sealed class Turn(KeyedGate<TKey> gate, TKey key, Entry entry) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0) return;
            entry.Turn.Release();
            gate.Leave(key, entry);
        }
    }
}

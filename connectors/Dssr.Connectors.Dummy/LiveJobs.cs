using System.Collections;

namespace Dssr.Connectors.Dummy;

/// <summary>
/// The live jobs, oldest first, as a list a reader may keep while submits go on: appending writes past the end
/// every earlier snapshot sees (or into a new array when full), so a submit costs O(1) and no snapshot changes.
/// </summary>
internal sealed class LiveJobs : IReadOnlyList<DummyJob>
{
    private readonly DummyJob[] _items;

    private LiveJobs(DummyJob[] items, int count)
    {
        _items = items;
        Count = count;
    }

    public static LiveJobs Of(DummyJob[] items) => new(items, items.Length);

    public int Count { get; }

    public DummyJob this[int index] => (uint)index < (uint)Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>This list with <paramref name="job"/> after its last; callers append to the newest snapshot only, under one lock.</summary>
    public LiveJobs Append(DummyJob job)
    {
        var items = _items;
        if (Count == items.Length) Array.Resize(ref items, Math.Max(16, Count * 2));
        items[Count] = job;
        return new LiveJobs(items, Count + 1);
    }

    public IEnumerator<DummyJob> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return _items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

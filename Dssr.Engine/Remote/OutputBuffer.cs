namespace Dssr.Engine.Remote;

/// <summary>Bytes read from a pipe, appended by one reader and readable by others while it runs.</summary>
internal sealed class OutputBuffer
{
    private readonly MemoryStream _bytes = new();
    private readonly Lock _gate = new();

    public async Task FillFromAsync(Stream source)
    {
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await source.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            lock (_gate) _bytes.Write(chunk, 0, n);
        }
    }

    public byte[] Snapshot()
    {
        lock (_gate) return _bytes.ToArray();
    }
}

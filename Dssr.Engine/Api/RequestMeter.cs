namespace Dssr.Engine.Api;

/// <summary>
/// Counts requests per second (over the last few seconds) and remembers when the upstream last
/// called. Requests the console itself makes carry <see cref="ConsoleClientHeader"/> and are not the upstream's.
/// </summary>
public sealed class RequestMeter
{
    public const string ConsoleClientHeader = "X-Dssr-Client";
    private const int Window = 5;
    private readonly TimeProvider _clock;
    private readonly long[] _buckets = new long[Window + 1];
    private readonly long[] _bucketSecond = new long[Window + 1];
    private long _total;
    private long _lastUpstreamTicks;

    public RequestMeter(TimeProvider clock) => _clock = clock;

    public long Total => Interlocked.Read(ref _total);

    public void Record(bool fromUpstream)
    {
        var now = _clock.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        var i = (int)(second % _buckets.Length);
        if (Interlocked.Exchange(ref _bucketSecond[i], second) != second) Interlocked.Exchange(ref _buckets[i], 0);
        Interlocked.Increment(ref _buckets[i]);
        Interlocked.Increment(ref _total);
        if (fromUpstream) Interlocked.Exchange(ref _lastUpstreamTicks, now.UtcTicks);
    }

    /// <summary>Mean requests per second over the last complete seconds.</summary>
    public double RequestsPerSecond
    {
        get
        {
            var now = _clock.GetUtcNow().ToUnixTimeSeconds();
            long sum = 0;
            for (var s = now - Window; s < now; s++)
            {
                var i = (int)(s % _buckets.Length);
                if (Interlocked.Read(ref _bucketSecond[i]) == s) sum += Interlocked.Read(ref _buckets[i]);
            }
            return sum / (double)Window;
        }
    }

    /// <summary>How long ago the upstream last called; null if it never has.</summary>
    public TimeSpan? SinceLastUpstreamCall
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastUpstreamTicks);
            return ticks == 0 ? null : _clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }
}

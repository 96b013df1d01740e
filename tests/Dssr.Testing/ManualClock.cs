namespace Dssr.Testing;

/// <summary>
/// A clock the test moves by hand. <see cref="Advance"/> moves the wall clock and the monotonic one together, as time
/// passing does; <see cref="SetWallClock"/> moves the wall clock only, as an operator or NTP setting it does.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;
    private long _monotonicTicks;

    public ManualClock(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _monotonicTicks);

    public void Advance(TimeSpan by)
    {
        _now += by;
        Interlocked.Add(ref _monotonicTicks, by.Ticks);
    }

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    public void SetWallClock(TimeSpan by) => _now += by;
}

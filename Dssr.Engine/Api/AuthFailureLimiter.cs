using System.Net;
using System.Threading.RateLimiting;

namespace Dssr.Engine.Api;

/// <summary>
/// Per client address, at most so many failed authentications a minute (System.Threading.RateLimiting's fixed
/// window, the limiter under ASP.NET Core's): after that the address is answered 429 without its credentials being
/// looked at until the minute ends, so a key cannot be guessed at the speed of the network. Only failures count:
/// a client that authenticates is never slowed down.
/// </summary>
internal sealed class AuthFailureLimiter : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string> _failures;

    public AuthFailureLimiter(int perMinute)
    {
        PerMinute = perMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    public int PerMinute { get; }

    /// <summary>True when the address has used up its failures for this minute.</summary>
    public bool IsLockedOut(IPAddress? address) =>
        _failures.GetStatistics(Key(address)) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts one failed authentication; true when it was the last one allowed this minute.</summary>
    public bool RecordFailure(IPAddress? address)
    {
        using var lease = _failures.AttemptAcquire(Key(address));
        return IsLockedOut(address);
    }

    private static string Key(IPAddress? address) => address?.ToString() ?? "in-process";

    public void Dispose() => _failures.Dispose();
}

namespace Dssr.Engine.Interactive;

/// <summary>An open, answering tunnel, or why there is none yet (the upstream asks again).</summary>
public sealed record TunnelOutcome(JobTunnel? Tunnel, string? NotReady)
{
    public static TunnelOutcome Ready(JobTunnel tunnel) => new(tunnel, null);
    public static TunnelOutcome Wait(string why) => new(null, why);
}

namespace Dssr.Engine.Interactive;

/// <summary>A job tunnel's life: open and serving, or closed (its listener or socket gone) and why.</summary>
public enum TunnelState
{
    Open,
    Closed,
}

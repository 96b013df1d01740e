namespace Dssr.Engine.Hosting;

/// <summary>The listen address is taken by another process.</summary>
public sealed class PortBusyException : Exception
{
    public PortBusyException(string address) : base($"cannot listen on {address}: the address is already in use") => ListenAddress = address;

    public string ListenAddress { get; }
}

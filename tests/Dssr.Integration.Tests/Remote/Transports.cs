using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.Remote;

/// <summary>Both SSH transports against the test bed, for theories that run the same test on each.</summary>
public static class Transports
{
    public static TheoryData<SshTransportKind> Both => new() { SshTransportKind.SshNet, SshTransportKind.OpenSsh };

    public static ISshTransport Open(SshTransportKind kind, SshSettings? settings = null) =>
        TransportFactory.Create((settings ?? TestBed.Settings()) with { Transport = kind });
}

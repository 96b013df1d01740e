using Dssr.Engine.Remote.SshNet;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Remote;

/// <summary>The one place that picks a cluster account's SSH transport from its settings (<c>JARVICE_SLURM_SSH_TRANSPORT</c>).</summary>
internal static class TransportFactory
{
    public static ISshTransport Create(SshSettings settings, ILogger? log = null) => settings.Transport switch
    {
        SshTransportKind.OpenSsh => new OpenSshTransport(settings, log),
        _ => new SshNetTransport(settings, log),
    };
}

using Dssr.Engine.Remote;

namespace Dssr.Engine.Connectors;

/// <summary>A connector that reaches its cluster through a remote shell offers it, so tools (the REPL's <c>Ssh</c>) use the same transport.</summary>
public interface IRemoteShellProvider
{
    /// <summary>The shell of the service account, over the connector's own multiplexed connection.</summary>
    IRemoteShell ServiceShell { get; }
}

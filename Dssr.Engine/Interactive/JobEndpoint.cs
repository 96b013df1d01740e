using Dssr.Engine.Remote;

namespace Dssr.Engine.Interactive;

/// <summary>
/// Where a job's web service listens, as the cluster's login node sees it (<c>NodeAddr:port</c>), the URL template
/// its app gives (null: none), and the forwarding that reaches it (null: reached directly from here, as the dummy's).
/// </summary>
public sealed record JobEndpoint(string Host, int Port, string? UrlTemplate, IPortForwarding? Via);

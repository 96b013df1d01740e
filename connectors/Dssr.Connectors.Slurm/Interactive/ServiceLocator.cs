using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Dssr.Engine.Connectors;
using Dssr.Engine.Interactive;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Interactive;

/// <summary>
/// Where a running interactive job's service listens: the wrapper's <c>&lt;node&gt; &lt;port&gt;</c> file, read as the
/// job's owner; the node's <c>NodeAddr</c> from <c>scontrol show node</c> (cached: it changes only with slurm.conf);
/// the app's URL template when the wrapper copied one. The forward goes through the service account's connection.
/// </summary>
internal sealed partial class ServiceLocator
{
    private readonly ShellProvider _shells;
    private readonly JobFiles _files;
    private readonly ConcurrentDictionary<string, string> _nodeAddresses = new(StringComparer.Ordinal);

    public ServiceLocator(ShellProvider shells, JobFiles files)
    {
        _shells = shells;
        _files = files;
    }

    public async Task<JobEndpoint?> LocateAsync(JobRef job, CancellationToken ct)
    {
        var owner = _shells.For(job.Owner);
        var service = await owner.RunAsync(RemoteCommand.Of("cat", "--", _files.ServiceFile(job.Name)), ct).ConfigureAwait(false);
        if (!service.Succeeded || ParseServiceFile(service.Stdout) is not var (node, port)) return null; // not written yet
        var address = await NodeAddressAsync(node, ct).ConfigureAwait(false);
        var url = await owner.RunAsync(RemoteCommand.Of("cat", "--", _files.UrlFile(job.Name)), ct).ConfigureAwait(false);
        // Through the service account's connection; a local login node (no SSH) reaches the node directly.
        return new JobEndpoint(address, port, url.Succeeded && url.Stdout.Trim().Length > 0 ? url.Stdout : null, _shells.ServiceSession);
    }

    /// <summary><c>&lt;node&gt; &lt;port&gt;</c> with a Slurm node name and a TCP port; anything else is not (yet) a service file.</summary>
    public static (string Node, int Port)? ParseServiceFile(string text)
    {
        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !NodeName().IsMatch(parts[0])) return null;
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (parts[0], port)
            : null;
    }

    private async Task<string> NodeAddressAsync(string node, CancellationToken ct)
    {
        if (_nodeAddresses.TryGetValue(node, out var known)) return known;
        var shown = await _shells.Service.RunAsync(RemoteCommand.Of("scontrol", "show", "node", node), ct).ConfigureAwait(false);
        var address = shown.Succeeded ? NodeAddr(shown.Stdout) : null;
        if (address is null)
            throw new ConnectorException($"scontrol show node {node} gave no NodeAddr: {JobEndQuery.OneLine(shown.Stderr)}");
        return _nodeAddresses[node] = address;
    }

    /// <summary>The <c>NodeAddr=</c> value of <c>scontrol show node</c>.</summary>
    public static string? NodeAddr(string scontrolOutput)
    {
        var m = NodeAddrField().Match(scontrolOutput);
        return m.Success && NodeName().IsMatch(m.Groups[1].Value) ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,253}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NodeName();

    [GeneratedRegex(@"\bNodeAddr=(\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex NodeAddrField();
}

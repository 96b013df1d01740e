using System.Collections.Concurrent;
using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// One multiplexed SSH transport per account: the service user's (squeue, scontrol, sacct, pvcls, /gc)
/// and one per mapped user, made on first use with that user's own key. Which account acts on a job is
/// decided by the owner the journal recorded, never by a name in the request.
/// </summary>
public sealed class ShellPool : IAsyncDisposable
{
    private readonly SshSettings _service;
    private readonly UserMapping? _mapping;
    private readonly ILogger _log;
    private readonly Func<SshSettings, IRemoteShell> _open;
    private readonly ConcurrentDictionary<string, Lazy<IRemoteShell>> _shells = new(StringComparer.Ordinal);

    public ShellPool(SshSettings service, UserMapping? mapping, ILogger log, Func<SshSettings, IRemoteShell>? open = null)
    {
        _service = service;
        _mapping = mapping;
        _log = log;
        _open = open ?? (s => TransportFactory.Create(s, log));
    }

    public string ServiceUser => _service.User;

    public IRemoteShell Service => For(_service.User);

    /// <summary>The shell of <paramref name="owner"/>; null or the service user: the service shell.</summary>
    public IRemoteShell For(string? owner)
    {
        var user = string.IsNullOrEmpty(owner) ? _service.User : owner;
        if (_shells.TryGetValue(user, out var known)) return known.Value;
        // Settings first: an owner missing from the mapping is an error now, never a cached one.
        var settings = SettingsFor(user);
        return _shells.GetOrAdd(user, _ => new Lazy<IRemoteShell>(() => _open(settings))).Value;
    }

    private SshSettings SettingsFor(string user)
    {
        if (user == _service.User) return _service;
        var mapped = _mapping?.ByUser(user)
            ?? throw new Engine.Connectors.ConnectorException($"job owner {user} is not in the user mapping any more; add it back to act on its jobs");
        _log.LogInformation("Opening SSH as mapped user {User}", user);
        return _service with { User = mapped.User, PrivateKey = mapped.Key };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var shell in _shells.Values.Where(l => l.IsValueCreated))
            await shell.Value.DisposeAsync().ConfigureAwait(false);
    }
}

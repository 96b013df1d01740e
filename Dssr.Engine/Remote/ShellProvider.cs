using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dssr.Engine.Remote;

/// <summary>
/// A cluster's remote shells: one transport per account (the service account, and each mapped user on first
/// use), every one recording its commands in the command log. The connector says how to reach the cluster
/// (<see cref="Use"/>); the connector, diagnostics and the REPL's <c>Ssh</c> then all run through here. Which
/// account acts on a job is decided by the owner the journal recorded, never by a name in the request.
/// </summary>
public sealed class ShellProvider : IAsyncDisposable
{
    private readonly CommandLog _commands;
    private readonly ILogger _log;
    private readonly Func<SshSettings, IRemoteShell> _open;
    private readonly ConcurrentDictionary<string, Lazy<RecordingShell>> _shells = new(StringComparer.Ordinal);
    private readonly string? _cluster;
    private SshSettings? _service;
    private Func<string, SshSettings>? _account;

    /// <param name="open">Makes the transport of one account; tests pass a fake login node.</param>
    /// <param name="cluster">The cluster these shells reach, named in each command log entry.</param>
    public ShellProvider(CommandLog commands, ILogger log, Func<SshSettings, IRemoteShell>? open = null, string? cluster = null)
    {
        _cluster = cluster;
        _commands = commands;
        _log = log;
        _open = open ?? (settings => TransportFactory.Create(settings, log));
    }

    /// <summary>
    /// How the cluster is reached: the service account, and the settings of another account (a mapped user),
    /// which throws when that account may not be used.
    /// </summary>
    public void Use(SshSettings service, Func<string, SshSettings>? accountSettings = null)
    {
        if (_service is not null) throw new InvalidOperationException("the cluster's shells are already configured");
        _service = service;
        _account = accountSettings;
    }

    /// <summary>False for a cluster its connector reaches without a remote shell (the dummy).</summary>
    public bool IsConfigured => _service is not null;

    public SshSettings ServiceSettings => _service ?? throw new InvalidOperationException("this cluster is not reached over a remote shell");

    public string ServiceUser => ServiceSettings.User;

    /// <summary>The service account's shell.</summary>
    public IRemoteShell Service => For(null);

    /// <summary>The service account's transport itself, for the connection checks and the early connect; null when it is not an SSH transport.</summary>
    public ISshTransport? ServiceSession => ((RecordingShell)Service).Inner as ISshTransport;

    /// <summary>The shell of <paramref name="account"/>; null or the service user: the service shell.</summary>
    public IRemoteShell For(string? account)
    {
        var service = ServiceSettings;
        var user = string.IsNullOrEmpty(account) ? service.User : account;
        if (_shells.TryGetValue(user, out var known)) return known.Value;
        // Settings first: an account that may not be used is an error now, never a cached one.
        var settings = SettingsFor(user);
        return _shells.GetOrAdd(user, _ => new Lazy<RecordingShell>(() => new RecordingShell(_open(settings), _commands, _cluster))).Value;
    }

    /// <summary>The transports opened so far, one per account (for the metrics of connections and forwards).</summary>
    public IReadOnlyList<IRemoteShell> OpenTransports =>
        _shells.Values.Where(l => l.IsValueCreated).Select(l => l.Value.Inner).ToList();

    private SshSettings SettingsFor(string user)
    {
        var service = ServiceSettings;
        if (user == service.User) return service;
        var settings = _account?.Invoke(user)
            ?? throw new InvalidOperationException($"account {user} has no settings on this cluster");
        _log.LogInformation("Opening a remote shell as {User}", user);
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var shell in _shells.Values.Where(l => l.IsValueCreated))
            await shell.Value.DisposeAsync().ConfigureAwait(false);
        _shells.Clear();
    }
}

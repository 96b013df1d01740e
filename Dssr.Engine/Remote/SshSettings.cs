namespace Dssr.Engine.Remote;

/// <summary>How to reach one cluster over SSH. <see cref="PrivateKey"/> holds secret text: never log it.</summary>
public sealed record SshSettings
{
    public required string Host { get; init; }
    public int Port { get; init; } = 22;
    public required string User { get; init; }
    /// <summary>Null: let ssh find a key itself (agent, ~/.ssh/id_*).</summary>
    public PrivateKeyMaterial? PrivateKey { get; init; }
    public HostKeyPolicy HostKeys { get; init; } = HostKeyPolicy.UserKnownHosts;
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How long an idle master connection stays open; a later command re-opens it.</summary>
    public TimeSpan ControlPersist { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Commands at once over the master; sshd's default MaxSessions is 10.</summary>
    public int MaxSessions { get; init; } = 8;
    /// <summary>An ssh_config file for the OpenSSH transport (ProxyJump and the like); null: see <see cref="UserConfig"/>.</summary>
    public string? ConfigFile { get; init; }
    /// <summary>OpenSSH reads the service user's own ~/.ssh/config; otherwise, without <see cref="ConfigFile"/>, none (<c>-F /dev/null</c>).</summary>
    public bool UserConfig { get; init; }
    /// <summary>Which client carries the commands: SSH.NET in process (default) or the OpenSSH client binary.</summary>
    public SshTransportKind Transport { get; init; } = SshTransportKind.SshNet;
    /// <summary>A jump host between this service and the login node (SSH.NET; OpenSSH takes ProxyJump from an ssh_config).</summary>
    public SshJump? Jump { get; init; }
    /// <summary>The passphrase of <see cref="PrivateKey"/>, if it is encrypted (SSH.NET only). Secret: never log it.</summary>
    public string? PrivateKeyPassphrase { get; init; }
    public string? ScratchDirectory { get; init; }
    /// <summary>Run remote commands under coreutils <c>timeout</c> so a command stopped here also stops there.</summary>
    public bool StopRemoteOnTimeout { get; init; } = true;

    public string Destination => $"{User}@{Host}:{Port}";
}

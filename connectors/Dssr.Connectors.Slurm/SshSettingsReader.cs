using System.Globalization;
using Dssr.Engine.Configuration;

using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// SSH settings from the original's environment variables (JARVICE_SLURM_CLUSTER_ADDR, _PORT,
/// JARVICE_SLURM_SSH_USER, JARVICE_SLURM_SSH_PKEY) and the host key ones it lacked.
/// </summary>
public static class SshSettingsReader
{
    public const string Address = "JARVICE_SLURM_CLUSTER_ADDR";
    public const string Port = "JARVICE_SLURM_CLUSTER_PORT";
    public const string User = "JARVICE_SLURM_SSH_USER";
    public const string PrivateKey = "JARVICE_SLURM_SSH_PKEY";
    public const string KnownHosts = "JARVICE_SLURM_SSH_KNOWN_HOSTS";
    public const string HostKey = "JARVICE_SLURM_SSH_HOST_KEY";
    /// <summary>The explicit opt-in for trust on first use; the value names the file that remembers the key, or "true".</summary>
    public const string AcceptNewHostKey = "JARVICE_SLURM_SSH_ACCEPT_NEW_HOST_KEY";
    public const string ConnectTimeout = "JARVICE_SLURM_SSH_CONNECT_TIMEOUT";
    public const string CommandTimeout = "JARVICE_SLURM_SSH_COMMAND_TIMEOUT";
    /// <summary>OpenSSH only: "true" reads the service user's ~/.ssh/config, a path reads that file; unset, no ssh_config is read.</summary>
    public const string ConfigFile = "JARVICE_SLURM_SSH_CONFIG";
    /// <summary>"sshnet" (default) or "openssh".</summary>
    public const string Transport = "JARVICE_SLURM_SSH_TRANSPORT";
    /// <summary>"[user@]host[:port]" of a jump host, for the sshnet transport.</summary>
    public const string Jump = "JARVICE_SLURM_SSH_JUMP";
    public const string KeyPassphrase = "JARVICE_SLURM_SSH_PKEY_PASSPHRASE";
    /// <summary>Commands at once over one connection; keep it at most the server's MaxSessions (10 by default).</summary>
    public const string MaxSessions = "JARVICE_SLURM_SSH_MAX_SESSIONS";
    /// <summary>"false" for a login node without coreutils <c>timeout</c>: commands then get no server-side limit.</summary>
    public const string StopRemoteOnTimeout = "JARVICE_SLURM_SSH_STOP_REMOTE_ON_TIMEOUT";
    public const string ScratchDirectory = "JARVICE_JOB_SCRATCH_DIR";

    /// <summary>The settings, or null when no cluster address is configured.</summary>
    public static SshSettings? Read(IReadOnlyDictionary<string, string> env, string stateDirectory)
    {
        var host = Get(env, Address);
        if (host is null) return null;
        var user = Get(env, User) ?? throw new ConfigurationException($"{User} is not set: it names the account that runs Slurm commands on {host}");
        var port = 22;
        if (Get(env, Port) is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new ConfigurationException($"{Port} must be a port number, not {p}");

        var transport = ReadTransport(env);
        var (configFile, userConfig) = ReadConfig(env);
        if (transport == SshTransportKind.SshNet && (configFile is not null || userConfig))
            throw new ConfigurationException($"{ConfigFile} needs {Transport}=openssh: SSH.NET does not read ssh_config");
        var jump = ReadJump(env, user);
        if (jump is not null && transport == SshTransportKind.OpenSsh)
            throw new ConfigurationException($"{Jump} is for the sshnet transport; with openssh put ProxyJump in the ssh_config ({ConfigFile})");
        var sessions = 8;
        if (Get(env, MaxSessions) is { } m && (!int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out sessions) || sessions is < 1 or > 100))
            throw new ConfigurationException($"{MaxSessions} must be a number from 1 to 100 (at most the server's MaxSessions), not {m}");

        return new SshSettings
        {
            Host = host,
            Port = port,
            User = user,
            PrivateKey = Get(env, PrivateKey) is { } key ? PrivateKeyMaterial.Parse(key, PrivateKey) : null,
            HostKeys = ReadHostKeys(env, stateDirectory),
            ConnectTimeout = Seconds(env, ConnectTimeout, 10),
            CommandTimeout = Seconds(env, CommandTimeout, 60),
            ConfigFile = configFile,
            UserConfig = userConfig,
            Transport = transport,
            PrivateKeyPassphrase = Get(env, KeyPassphrase),
            MaxSessions = sessions,
            Jump = jump,
            ScratchDirectory = Get(env, ScratchDirectory),
            StopRemoteOnTimeout = Get(env, StopRemoteOnTimeout) is not { } stop || !IsFalse(stop),
        };
    }

    private static SshJump? ReadJump(IReadOnlyDictionary<string, string> env, string defaultUser)
    {
        if (Get(env, Jump) is not { } text) return null;
        var at = text.LastIndexOf('@');
        var user = at > 0 ? text[..at] : defaultUser;
        var rest = at >= 0 ? text[(at + 1)..] : text;
        var port = 22;
        var colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
                throw new ConfigurationException($"{Jump} must be [user@]host[:port], not {text}");
            rest = rest[..colon];
        }
        if (rest.Length == 0 || rest.StartsWith('-') || rest.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || user.StartsWith('-'))
            throw new ConfigurationException($"{Jump} must be [user@]host[:port], not {text}");
        return new SshJump(rest, port, user);
    }

    private static SshTransportKind ReadTransport(IReadOnlyDictionary<string, string> env) => Get(env, Transport)?.ToLowerInvariant() switch
    {
        null or "sshnet" or "ssh.net" => SshTransportKind.SshNet,
        "openssh" => SshTransportKind.OpenSsh,
        var other => throw new ConfigurationException($"{Transport} must be sshnet or openssh, not {other}"),
    };

    private static (string? File, bool User) ReadConfig(IReadOnlyDictionary<string, string> env)
    {
        if (Get(env, ConfigFile) is not { } value || IsFalse(value)) return (null, false);
        return IsTrue(value) ? (null, true) : (value, false);
    }

    private static HostKeyPolicy ReadHostKeys(IReadOnlyDictionary<string, string> env, string stateDirectory)
    {
        var file = Get(env, KnownHosts);
        var pin = Get(env, HostKey);
        var acceptNew = Get(env, AcceptNewHostKey);
        if (file is not null && pin is not null)
            throw new ConfigurationException($"set {KnownHosts} or {HostKey}, not both");
        if (pin is not null)
        {
            if (!pin.StartsWith("SHA256:", StringComparison.Ordinal) || pin.Length < 50)
                throw new ConfigurationException($"{HostKey} must be a SHA256 fingerprint as ssh-keygen -l prints it (SHA256:…), not {pin}");
            return HostKeyPolicy.Pinned(pin);
        }
        if (acceptNew is not null && !IsFalse(acceptNew))
        {
            // Trust on first use remembers the key, so a later change is still refused.
            var remembered = file ?? (IsTrue(acceptNew) ? Path.Combine(stateDirectory, "known_hosts") : acceptNew);
            return HostKeyPolicy.AcceptNew(remembered);
        }
        return file is not null ? HostKeyPolicy.KnownHosts(file) : HostKeyPolicy.UserKnownHosts;
    }

    private static TimeSpan Seconds(IReadOnlyDictionary<string, string> env, string name, double fallback)
    {
        if (Get(env, name) is not { } text) return TimeSpan.FromSeconds(fallback);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || s <= 0 || s > 86400)
            throw new ConfigurationException($"{name} must be a number of seconds, not {text}");
        return TimeSpan.FromSeconds(s);
    }

    private static string? Get(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static bool IsTrue(string v) => v.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static bool IsFalse(string v) => v.Trim().ToLowerInvariant() is "0" or "false" or "no" or "off";
}

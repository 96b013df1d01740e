using Dssr.Engine.Configuration;

namespace Dssr.Connectors.Slurm;

/// <summary>Every setting the Slurm connector reads: its section of the configuration, and the rows of <c>dssr config</c>.</summary>
public static class SlurmSettingsCatalog
{
    public static readonly IReadOnlyList<Setting> All =
    [
        new(SlurmSettingsReader.Interface, "cli", "cli runs Slurm commands over SSH; http (slurmrestd) is refused as not supported yet"),
        new(SshSettingsReader.Address, "required", "the login node's host name or address"),
        new(SshSettingsReader.Port, "22", "its SSH port"),
        new(SshSettingsReader.User, "required", "the service account"),
        new(SshSettingsReader.PrivateKey, "unset (agent or ~/.ssh keys)", "the service account's private key: PEM, base64 of it, or a file", Secret: true),
        new(SshSettingsReader.KnownHosts, "~/.ssh/known_hosts", "a known_hosts file"),
        new(SshSettingsReader.HostKey, "unset", "the server's pinned SHA256: fingerprint"),
        new(SshSettingsReader.AcceptNewHostKey, "unset", "true (or a file): trust the host key on first use and remember it"),
        new(SshSettingsReader.ConnectTimeout, "10", "seconds to connect"),
        new(SshSettingsReader.CommandTimeout, "60", "seconds to run one command"),
        new(SshSettingsReader.Transport, "sshnet", "sshnet (SSH.NET in process) or openssh (the ssh client over a control master)"),
        new(SshSettingsReader.MaxSessions, "8", "commands at once over one connection, 1 to 100 (at most the server's MaxSessions)"),
        new(SshSettingsReader.KeyPassphrase, "unset", "the passphrase of an encrypted private key", Secret: true),
        new(SshSettingsReader.ConfigFile, "unset", "an ssh_config file, or true for ~/.ssh/config (openssh transport only)"),
        new(SshSettingsReader.Jump, "unset", "[user@]host[:port] of a jump host (sshnet transport; openssh: ProxyJump in the ssh_config)"),
        new(SshSettingsReader.StopRemoteOnTimeout, "true", "false for a login node without coreutils timeout"),
        new(SlurmSettingsReader.MappingFile, SlurmSettingsReader.DefaultMappingFile + " if present", "email to Unix account mapping"),
        new(SlurmSettingsReader.JwtClaim, "email", "the bearer claim that holds the user's email"),
        new(SlurmSettingsReader.JwtKeyFile, "unset (tokens decoded unchecked)", "PEM public key or JWKS that signs bearers"),
        new(SlurmSettingsReader.LogLines, "10000", "lines of job output /exitstatus returns"),
        new(SlurmSettingsReader.TailMaxLines, "10000", "the most lines /request/.../tail returns"),
        new(SlurmSettingsReader.PvclsRoots, "unset (pvcls refused)", "comma list of folders /request/pvcls may list"),
        .. ServiceSettings.Rendering,
    ];
}

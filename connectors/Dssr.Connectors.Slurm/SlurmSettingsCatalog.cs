using Dssr.Engine.Configuration;

namespace Dssr.Connectors.Slurm;

/// <summary>Every setting the Slurm connector reads: its section of the configuration, and the rows of <c>dssr config</c>.</summary>
internal static class SlurmSettingsCatalog
{
    public static readonly IReadOnlyList<Setting> All =
    [
        new(SlurmSettingsReader.Interface, "cli", "cli runs Slurm commands over SSH; http (slurmrestd) is refused as not supported yet"),
        new(SshSettingsReader.Address, "required", "the login node's host name or address", Yaml: "ssh.host"),
        new(SshSettingsReader.Port, "22", "its SSH port", Yaml: "ssh.port"),
        new(SshSettingsReader.User, "required", "the service account", Yaml: "ssh.user"),
        new(SshSettingsReader.PrivateKey, "unset (agent or ~/.ssh keys)", "the service account's private key: PEM, base64 of it, or a file", Secret: true, Yaml: "ssh.key"),
        new(SshSettingsReader.KnownHosts, "~/.ssh/known_hosts", "a known_hosts file", Yaml: "ssh.known_hosts"),
        new(SshSettingsReader.HostKey, "unset", "the server's pinned SHA256: fingerprint", Yaml: "ssh.host_key"),
        new(SshSettingsReader.AcceptNewHostKey, "unset", "true (or a file): trust the host key on first use and remember it", Yaml: "ssh.accept_new_host_key"),
        new(SshSettingsReader.ConnectTimeout, "10", "seconds to connect", Yaml: "ssh.connect_timeout"),
        new(SshSettingsReader.CommandTimeout, "60", "seconds to run one command", Yaml: "ssh.command_timeout"),
        new(SshSettingsReader.Transport, "sshnet", "sshnet (SSH.NET in process) or openssh (the ssh client over a control master)", Yaml: "ssh.transport"),
        new(SshSettingsReader.MaxSessions, "8", "commands at once over one connection, 1 to 100 (at most the server's MaxSessions)", Yaml: "ssh.max_sessions"),
        new(SshSettingsReader.KeyPassphrase, "unset", "the passphrase of an encrypted private key", Secret: true, Yaml: "ssh.passphrase"),
        new(SshSettingsReader.ConfigFile, "unset", "an ssh_config file, or true for ~/.ssh/config (openssh transport only)", Yaml: "ssh.config"),
        new(SshSettingsReader.Jump, "unset", "[user@]host[:port] of a jump host (sshnet transport; openssh: ProxyJump in the ssh_config)", Yaml: "ssh.jump"),
        new(SshSettingsReader.StopRemoteOnTimeout, "true", "false for a login node without coreutils timeout", Yaml: "ssh.stop_remote_on_timeout"),
        new(SlurmSettingsReader.MappingFile, SlurmSettingsReader.DefaultMappingFile + " if present", "email to Unix account mapping"),
        new(SlurmSettingsReader.JwtClaim, "email", "the bearer claim that holds the user's email"),
        new(SlurmSettingsReader.JwtKeyFile, "unset (tokens decoded unchecked)", "PEM public key or JWKS that signs bearers"),
        new(SlurmSettingsReader.LogLines, "10000", "lines of job output /exitstatus returns"),
        new(SlurmSettingsReader.TailMaxLines, "10000", "the most lines /request/.../tail returns"),
        new(SlurmSettingsReader.PvclsRoots, "unset (pvcls refused)", "comma list of folders /request/pvcls may list"),
        .. Hooks.HookSettings.All,
        .. ServiceSettings.Rendering,
        .. Dssr.Engine.Interactive.InteractiveSettings.All,
    ];
}

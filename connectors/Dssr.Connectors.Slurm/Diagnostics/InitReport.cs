using Dssr.Engine.Remote;

using Dssr.Engine.Diagnostics;

namespace Dssr.Connectors.Slurm.Diagnostics;

/// <summary>
/// The original's init report (reference §4.2): the same box and headings, with what an operator needs
/// to check a cluster at a glance. Secrets are masked: the private key is described, never shown;
/// URL passwords become <c>***</c>; the registry credentials are left out.
/// </summary>
internal static class InitReport
{
    public const string Top = "+----- Slurm Scheduler init report -----+";
    public const string Bottom = "+---------------------------------------+";

    private static string Transport(SshSettings ssh) => ssh.Transport switch
    {
        SshTransportKind.OpenSsh => "openssh (system ssh client, ControlMaster" +
            (ssh.ConfigFile is { } f ? $", ssh_config {f})" : ssh.UserConfig ? ", ~/.ssh/config)" : ", no ssh_config)"),
        _ => "sshnet (SSH.NET in process)",
    };

    public static IReadOnlyList<string> Lines(SshSettings ssh, IReadOnlyDictionary<string, string> env)
    {
        string Env(string name, string fallback = "") => env.TryGetValue(name, out var v) ? v : fallback;
        var scratch = Env("JARVICE_JOB_SCRATCH_DIR");
        if (scratch.Length > 0 && !scratch.EndsWith('/')) scratch += "/";
        return new[]
        {
            Top,
            "|-- SSH connection to target cluster:",
            $"|     host: {ssh.Host}",
            $"|     port: {ssh.Port}",
            $"|     jarvice user: {ssh.User}",
            $"|     transport: {Transport(ssh)}",
            $"|     private key: {ssh.PrivateKey?.Describe() ?? "not set (ssh agent or ~/.ssh keys of the service user)"}",
            $"|     host key check: {ssh.HostKeys.Describe()}",
            $"|     timeouts: connect {ssh.ConnectTimeout.TotalSeconds:0.#} s, command {ssh.CommandTimeout.TotalSeconds:0.#} s",
            "|-- Script environment:",
            $"|     Jobs scratch dir: {scratch}",
            $"|     http_proxy: {SecretMasking.MaskUrlCredentials(Env("JARVICE_BAREMETAL_HTTP_PROXY"))}",
            $"|     https_proxy: {SecretMasking.MaskUrlCredentials(Env("JARVICE_BAREMETAL_HTTPS_PROXY"))}",
            $"|     no_proxy: {Env("JARVICE_BAREMETAL_NO_PROXY")}",
            "|-- Singularity environment:",
            $"|     tmp work dir: {Env("JARVICE_SINGULARITY_TMPDIR", "/tmp")}",
            $"|     verbose mode: {Env("JARVICE_SINGULARITY_VERBOSE", "false")}",
            $"|     overlay size: {Env("JARVICE_SINGULARITY_OVERLAY_SIZE", "600")}",
            Bottom,
        };
    }
}

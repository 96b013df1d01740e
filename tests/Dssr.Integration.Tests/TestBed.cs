using System.Globalization;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests;

/// <summary>
/// The running test bed, as tests/testbed/up.sh describes it in .testbed/env. Without it every
/// integration test fails, saying how to start it: a missing server must never look like a pass.
/// </summary>
public static class TestBed
{
    public static string Get(string name)
    {
        if (Environment.GetEnvironmentVariable("DSSR_TESTBED") != "1")
            throw new InvalidOperationException(
                "the test bed is not running: run ./test.sh, or tests/testbed/up.sh and then `set -a; . .testbed/env; set +a` before dotnet test");
        return Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"{name} is missing from .testbed/env: run tests/testbed/up.sh again");
    }

    public static string Host => Get("DSSR_TESTBED_SSH_HOST");
    public static int Port => int.Parse(Get("DSSR_TESTBED_SSH_PORT"), CultureInfo.InvariantCulture);
    public static string User => Get("DSSR_TESTBED_USER");
    public static string Home => Get("DSSR_TESTBED_HOME");
    public static string KeyFile => Get("DSSR_TESTBED_KEY");
    public static string WrongKeyFile => Get("DSSR_TESTBED_WRONG_KEY");
    public static string KnownHosts => Get("DSSR_TESTBED_KNOWN_HOSTS");
    public static string HostKeyFingerprint => Get("DSSR_TESTBED_HOST_KEY");

    /// <summary>
    /// The transport the Slurm tests use: <c>DSSR_TESTBED_SSH_TRANSPORT</c> (sshnet or openssh, as <c>JARVICE_SLURM_SSH_TRANSPORT</c>),
    /// so the same suite runs on each; SSH.NET when unset.
    /// </summary>
    public static SshTransportKind Transport =>
        Environment.GetEnvironmentVariable("DSSR_TESTBED_SSH_TRANSPORT")?.ToLowerInvariant() == "openssh" ? SshTransportKind.OpenSsh : SshTransportKind.SshNet;

    public static SshSettings Settings(string? keyFile = null) => new()
    {
        Transport = Transport,
        Host = Host,
        Port = Port,
        User = User,
        PrivateKey = PrivateKeyMaterial.Parse(keyFile ?? KeyFile),
        HostKeys = HostKeyPolicy.KnownHosts(KnownHosts),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        CommandTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>The environment variables an operator would set for this cluster.</summary>
    public static Dictionary<string, string> ClusterEnvironment() => new(StringComparer.Ordinal)
    {
        ["JARVICE_SLURM_CLUSTER_ADDR"] = Host,
        ["JARVICE_SLURM_CLUSTER_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["JARVICE_SLURM_SSH_USER"] = User,
        ["JARVICE_SLURM_SSH_PKEY"] = File.ReadAllText(KeyFile),
        ["JARVICE_SLURM_SSH_KNOWN_HOSTS"] = KnownHosts,
        ["JARVICE_SLURM_SSH_CONNECT_TIMEOUT"] = "5",
        ["JARVICE_SLURM_SSH_TRANSPORT"] = Transport == SshTransportKind.OpenSsh ? "openssh" : "sshnet",
    };
}

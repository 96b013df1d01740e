using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Connectors.Slurm.Tests;

/// <summary>A Slurm connector whose every SSH session is the same <see cref="FakeShell"/>.</summary>
public static class FakeCluster
{
    public static Dictionary<string, string> Environment(Dictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["JARVICE_SLURM_CLUSTER_ADDR"] = "login.example.org",
            ["JARVICE_SLURM_SSH_USER"] = "jarvice",
            ["JARVICE_SYSTEM_REGISTRY"] = "us-docker.pkg.dev",
            ["JARVICE_SYSTEM_REPO_BASE"] = "jarvice-system/images",
        };
        foreach (var (k, v) in extra ?? []) env[k] = v;
        return env;
    }

    public static SlurmConnector Connector(FakeShell shell, Dictionary<string, string>? extra = null) =>
        new(new ConnectorContext("test", Environment(extra), Path.GetTempPath(), TimeProvider.System, NullLoggerFactory.Instance)
        {
            Shells = new ShellProvider(new CommandLog(), NullLogger.Instance, _ => shell),
        });
}

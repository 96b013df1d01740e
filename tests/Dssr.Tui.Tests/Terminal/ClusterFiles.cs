using System.Diagnostics;

namespace Dssr.Tui.Tests.Terminal;

/// <summary>A real SSH key and an empty known_hosts for Slurm clusters of a test's dssr.yaml that are never logged in to.</summary>
public static class ClusterFiles
{
    public static (string Key, string KnownHosts) Make(string folder)
    {
        var key = Path.Combine(folder, "id_ed25519");
        using (var keygen = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]) { RedirectStandardOutput = true })!)
        {
            keygen.WaitForExit();
            Assert.Equal(0, keygen.ExitCode);
        }
        var knownHosts = Path.Combine(folder, "known_hosts");
        File.WriteAllText(knownHosts, "");
        return (key, knownHosts);
    }

    /// <summary>A Slurm cluster entry of dssr.yaml reached over SSH at 127.0.0.1:<paramref name="port"/>.</summary>
    public static string SlurmEntry(string name, int port, string key, string knownHosts, int connectTimeout) => $$"""
          - name: {{name}}
            connector: slurm
            ssh: { host: 127.0.0.1, port: {{port}}, user: nobody, key_file: {{key}}, known_hosts: {{knownHosts}}, connect_timeout: {{connectTimeout}} }

        """;
}

using CsCheck;
using Dssr.Engine.Configuration;
using Dssr.Testing;

namespace Dssr.Reliability.Tests.Parsers;

/// <summary>A dssr.yaml of any shape loads or gives a one-line error naming the file; never an unhandled exception.</summary>
public sealed class YamlFuzzTests
{
    [Fact]
    public void Any_yaml_loads_or_is_refused_with_a_configuration_error()
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "dssr.yaml");
        HostileGen.Text("\n", "  ", "- ", ": ", "clusters:", "name: default", "name: backup", "connector: slurm", "connector: dummy", "failover: [backup]", "preferred_jobs: [gpu]",
            "ssh: { host: h, port: 22 }", "port: 99999", "listen: 127.0.0.1:0", "server_key_file: /nonexistent", "JARVICE_SLURM_SSH_HOST: x", "&a", "*a", "!!binary", "[", "]",
            "{", "}", "'", "\"", "#", "---", "...", "|", ">", "<<: *a", "\t").Sample(text =>
        {
            lock (file)
            {
                File.WriteAllBytes(file, new System.Text.UTF8Encoding(false, false).GetBytes(text));
                TypedErrors.Only(() =>
                {
                    var yaml = new YamlSettingsFile(file);
                    yaml.Load();
                    ClusterEntries.Read(yaml, _ => null, "dummy");
                });
            }
        }, iter: FuzzBudget.Iterations(1_500), threads: 1);
    }
}

using Dssr.Engine.Configuration;
using Dssr.Testing;
using Dssr.Tui.Composition;
using Serilog.Core;

namespace Dssr.Tui.Tests.Configuration;

/// <summary>dssr.yaml's <c>clusters:</c> list: what it configures, and the one line each mistake stops the start with.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClustersYamlTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Yaml => Path.Combine(_dir.Path, "dssr.yaml");
    private string Key => Path.Combine(_dir.Path, "backup.key");
    private string KnownHosts => Path.Combine(_dir.Path, "known_hosts");

    public ClustersYamlTests()
    {
        File.WriteAllText(Key, "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n-----END OPENSSH PRIVATE KEY-----\n");
        File.WriteAllText(KnownHosts, "");
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>The README's (and the issue's) example, with its files made here.</summary>
    private string Example => $$"""
        clusters:
          - name: default            # the JARVICE_* variables describe it; keys here override them
            preferred_jobs: [cpu]
            failover: [backup]
          - name: backup
            connector: slurm
            ssh: { host: login2.example.org, port: 22, user: jarvice, key_file: {{Key}}, known_hosts: {{KnownHosts}} }
            preferred_jobs: [cpu, gpu]
          - name: demo
            connector: dummy
        """;

    private Dictionary<string, string> Env(params (string Key, string Value)[] more)
    {
        var env = new Dictionary<string, string> { ["HOME"] = _dir.Path, ["DSSR_STATE_DIR"] = Path.Combine(_dir.Path, "state"), ["DSSR_CONFIG"] = Yaml };
        foreach (var (k, v) in more) env[k] = v;
        return env;
    }

    private ServiceOptions Read(string yaml, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite, params (string, string)[] env)
    {
        File.WriteAllText(Yaml, yaml);
        File.SetUnixFileMode(Yaml, mode);
        return ServiceComposition.Configure(Env(env), new CommandLineOverrides()).Options;
    }

    /// <summary>The start as --serve does it: configuration, then the service built (each connector checks its settings).</summary>
    private async Task<string> Refusal()
    {
        var e = await Assert.ThrowsAsync<StartupException>(async () =>
        {
            var (config, options) = ServiceComposition.Configure(Env(), new CommandLineOverrides());
            await using var host = ServiceComposition.Build(config, options, Logger.None);
        });
        return e.Message;
    }

    private async Task<string> RefusalOf(string yaml, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        File.WriteAllText(Yaml, yaml);
        File.SetUnixFileMode(Yaml, mode);
        var message = await Refusal();
        Assert.DoesNotContain('\n', message);
        return message;
    }

    [Fact]
    public void The_readme_example_configures_three_clusters_with_default_from_the_environment()
    {
        var options = Read(Example, env: [("JARVICE_SYSTEM_REGISTRY", "reg.example"), ("JARVICE_DUMMY_JOB_QUEUED_TIME", "7")]);

        Assert.Equal(["default", "backup", "demo"], options.Clusters.Select(c => c.Name));
        var (own, backup, demo) = (options.Clusters[0], options.Clusters[1], options.Clusters[2]);
        Assert.Equal("dummy", own.ConnectorName);
        Assert.Equal("7", own.Settings["JARVICE_DUMMY_JOB_QUEUED_TIME"]);
        Assert.Equal(["cpu"], own.PreferredJobs);
        Assert.Equal(["backup"], own.Failover);
        Assert.Equal("", own.BasePath);

        Assert.Equal("slurm", backup.ConnectorName);
        Assert.Equal("/clusters/backup", backup.BasePath);
        Assert.Equal("login2.example.org", backup.Settings["JARVICE_SLURM_CLUSTER_ADDR"]);
        Assert.Equal("22", backup.Settings["JARVICE_SLURM_CLUSTER_PORT"]);
        Assert.Equal("jarvice", backup.Settings["JARVICE_SLURM_SSH_USER"]);
        Assert.Equal(File.ReadAllText(Key).Trim(), backup.Settings["JARVICE_SLURM_SSH_PKEY"]);
        Assert.Equal(KnownHosts, backup.Settings["JARVICE_SLURM_SSH_KNOWN_HOSTS"]);
        Assert.Equal("reg.example", backup.Settings["JARVICE_SYSTEM_REGISTRY"]); // the site's rendering settings are shared
        Assert.False(backup.Settings.ContainsKey("JARVICE_DUMMY_JOB_QUEUED_TIME")); // default's own settings are not
        Assert.Equal(["cpu", "gpu"], backup.PreferredJobs);

        Assert.Equal("dummy", demo.ConnectorName);
        Assert.Empty(demo.PreferredJobs);
    }

    [Fact]
    public void A_default_entry_overrides_the_environment_key_by_key()
    {
        var options = Read("""
            clusters:
              - name: default
                JARVICE_DUMMY_JOB_QUEUED_TIME: 9
            """, env: [("JARVICE_DUMMY_JOB_QUEUED_TIME", "7"), ("JARVICE_DUMMY_JOB_RUNNING_TIME", "3")]);
        var own = Assert.Single(options.Clusters);
        Assert.Equal("9", own.Settings["JARVICE_DUMMY_JOB_QUEUED_TIME"]);
        Assert.Equal("3", own.Settings["JARVICE_DUMMY_JOB_RUNNING_TIME"]);
    }

    [Fact]
    public void A_secret_given_as_a_file_is_read_and_the_file_may_be_readable_by_others()
    {
        var keyFile = Path.Combine(_dir.Path, "server-key");
        File.WriteAllText(keyFile, "up:stream\n");
        var options = Read($"""
            clusters:
              - name: demo
                server_key_file: {keyFile}
            """, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal("up:stream", options.Clusters[1].ServerKey);
    }

    [Fact]
    public async Task An_unknown_key_names_the_file_the_line_and_the_key()
    {
        var message = await RefusalOf("""
            clusters:
              - name: backup
                connector: slurm
                ssh:
                  host: login2
                  hots: login3
            """);
        Assert.StartsWith($"{Yaml} line 6: clusters[backup].ssh.hots is not a key of a slurm cluster", message);
    }

    [Fact]
    public async Task A_wrong_type_names_the_file_the_line_and_the_key()
    {
        var message = await RefusalOf("""
            clusters:
              - name: demo
                connector: dummy
                preferred_jobs: cpu
            """);
        Assert.StartsWith($"{Yaml} line 4: clusters[demo].preferred_jobs: expected a list of words", message);
    }

    [Fact]
    public async Task A_value_the_connector_refuses_names_the_file_the_line_and_the_key()
    {
        var message = await RefusalOf($$"""
            clusters:
              - name: backup
                connector: slurm
                ssh: { host: login2, user: jarvice, port: abc, known_hosts: {{KnownHosts}} }
            """);
        Assert.StartsWith($"{Yaml} line 4: clusters[backup].ssh.port", message);
        Assert.Contains("abc", message);
    }

    [Fact]
    public async Task An_unknown_failover_target_names_the_file_the_line_and_the_key()
    {
        var message = await RefusalOf("""
            clusters:
              - name: demo
                failover: [backup]
            """);
        Assert.StartsWith($"{Yaml} line 3: clusters[demo].failover: no cluster named backup", message);
    }

    [Fact]
    public async Task A_failover_cycle_is_refused_with_the_cycle()
    {
        var message = await RefusalOf("""
            clusters:
              - name: default
                failover: [a]
              - name: a
                failover: [b]
              - name: b
                failover: [default]
            """);
        Assert.StartsWith($"{Yaml} line 3: clusters[default].failover: a cycle (default -> a -> b -> default)", message);
    }

    [Fact]
    public async Task A_world_readable_file_holding_a_key_is_refused()
    {
        var message = await RefusalOf("""
            clusters:
              - name: backup
                connector: slurm
                ssh: { host: login2, user: jarvice, key: "-----BEGIN OPENSSH PRIVATE KEY-----" }
            """, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal($"{Yaml}: holds a secret (line 4: clusters[backup].ssh.key) and is readable by group or others (mode 0644); chmod 600 it, or give the secret as a *_file path", message);
        Assert.DoesNotContain("BEGIN", message);
    }

    [Fact]
    public async Task Two_clusters_of_one_name_and_a_name_that_is_no_path_are_refused()
    {
        Assert.StartsWith($"{Yaml} line 3: clusters[demo].name: a second cluster named demo",
            await RefusalOf("clusters:\n  - name: demo\n  - name: demo\n"));
        Assert.StartsWith($"{Yaml} line 2: clusters[a/b].name: 'a/b' is not a cluster name",
            await RefusalOf("clusters:\n  - name: a/b\n"));
    }

    [Fact]
    public void The_shipped_example_is_valid_once_its_files_exist()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Dssr.sln"))) root = Path.GetDirectoryName(root)!;
        var text = File.ReadAllText(Path.Combine(root, "dssr.example.yaml"))
            .Replace("/etc/dssr/backup.key", Key).Replace("/etc/dssr/known_hosts", KnownHosts);
        var options = Read(text);
        Assert.Equal(["default", "backup", "demo"], options.Clusters.Select(c => c.Name));
        // Every commented key of the example is a key the reader takes: uncommented, the file still reads.
        var keyLine = new System.Text.RegularExpressions.Regex(@"^(\s+)# ([A-Za-z_]+: .*)$");
        var uncommented = string.Join('\n', text.Split('\n').Select(l =>
            keyLine.Match(l) is { Success: true } m && !l.Contains("SHA256") && !l.Contains("failover") ? m.Groups[1].Value + m.Groups[2].Value : l));
        File.WriteAllText(Path.Combine(_dir.Path, "mapping.yaml"), "");
        File.WriteAllText(Path.Combine(_dir.Path, "server-key"), "up:stream");
        uncommented = uncommented.Replace("/etc/dssr/backup.passphrase", Key).Replace("/etc/dssr/backup.server-key", Path.Combine(_dir.Path, "server-key"))
            .Replace("/etc/dssr/backup-users.yaml", Path.Combine(_dir.Path, "mapping.yaml"));
        var all = Read(uncommented);
        Assert.Equal("0.0.0.0", new Uri(all.Clusters[1].ListenUrl!).Host);
    }

    /// <summary>Each bad dssr.yaml stops <c>dssr --serve</c> with exit code 2 and one line naming the file.</summary>
    [Theory]
    [InlineData("unknown key", "clusters:\n  - name: demo\n    colour: blue\n", " line 3: clusters[demo].colour")]
    [InlineData("wrong type", "clusters:\n  - name: demo\n    failover: demo2\n", " line 3: clusters[demo].failover: expected a list")]
    [InlineData("unknown failover target", "clusters:\n  - name: demo\n    failover: [nowhere]\n", " line 3: clusters[demo].failover: no cluster named nowhere")]
    [InlineData("cycle", "clusters:\n  - name: demo\n    failover: [demo]\n", " line 3: clusters[demo].failover: a cycle (demo -> demo)")]
    [InlineData("world-readable with a key", "clusters:\n  - name: demo\n    server_key: up:stream\n", ": holds a secret (line 3: clusters[demo].server_key)")]
    public async Task Serve_stops_on_a_bad_dssr_yaml_with_one_line_and_exit_code_2(string mistake, string yaml, string expected)
    {
        File.WriteAllText(Yaml, yaml);
        File.SetUnixFileMode(Yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite | (mistake.StartsWith("world") ? UnixFileMode.OtherRead : 0));
        await using var dssr = DssrProcess.Start(Env(("WAITRESS_PORT", DssrProcess.FreePort().ToString())), "--serve", "--config", Yaml);
        Assert.Equal(2, await dssr.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(dssr.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"dssr: {Yaml}{expected}", line);
    }

    [Fact]
    public void Config_lists_each_cluster_with_the_line_of_each_setting_and_secrets_masked()
    {
        // A real key: dssr config builds each connector, which reads its key.
        File.Delete(Key);
        using (var keygen = System.Diagnostics.Process.Start("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", Key])!) keygen.WaitForExit();
        File.WriteAllText(Yaml, Example);
        File.SetUnixFileMode(Yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = Dssr.Tui.Commands.ConfigCommand.Run(Env(("JARVICE_SYSTEM_REGISTRY", "reg.example"), ("JARVICE_SYSTEM_REPO_BASE", "base")), new CommandLineOverrides(), output, errors);
        Assert.True(exit == 0, errors.ToString());
        var text = output.ToString();
        Assert.True(errors.ToString().Length == 0, errors.ToString());
        Assert.Contains("backup  slurm  at /clusters/backup/  prefers [cpu, gpu]  fails over to []", text);
        Assert.Contains("default  dummy  at /  prefers [cpu]  fails over to [backup]", text);
        Assert.Contains($"  JARVICE_SLURM_CLUSTER_ADDR  login2.example.org  ({Yaml} line 7: clusters[backup].ssh.host)", text);
        Assert.Contains($"  JARVICE_SLURM_SSH_PKEY  ***  ({Yaml} line 7: clusters[backup].ssh.key_file)", text);
        Assert.DoesNotContain("BEGIN OPENSSH", text);
    }

    [Fact]
    public async Task A_clusters_own_listen_port_may_be_neither_the_services_nor_another_clusters()
    {
        Assert.StartsWith($"{Yaml} line 2: clusters[demo].listen: port 5000 is already the service's listen address's",
            await RefusalOf("clusters:\n  - name: demo\n    listen: http://127.0.0.1:5000\n"));
        Assert.StartsWith($"{Yaml} line 4: clusters[b].listen: port 5001 is already cluster a's",
            await RefusalOf("clusters:\n  - name: a\n    listen: http://127.0.0.1:5001\n  - name: b\n    listen: http://0.0.0.0:5001\n"));
    }

    [Fact]
    public void A_cluster_entry_declares_its_hooks_under_a_hooks_key()
    {
        var hooks = Directory.CreateDirectory(Path.Combine(_dir.Path, "hooks")).FullName;
        var options = Read($$"""
            clusters:
              - name: hpc2
                connector: slurm
                ssh: { host: login2.example.org, user: jarvice }
                hooks: { dir: {{hooks}}, timeout: 2, optional: [20-gpu.csx, 30-cap.csx] }
            """);
        var hpc2 = options.Clusters.Single(c => c.Name == "hpc2");
        Assert.Equal(hooks, hpc2.Settings["DSSR_HOOKS_DIR"]);
        Assert.Equal("2", hpc2.Settings["DSSR_HOOKS_TIMEOUT"]);
        Assert.Equal("20-gpu.csx,30-cap.csx", hpc2.Settings["DSSR_HOOKS_OPTIONAL"]);
    }

    [Fact]
    public async Task A_hooks_folder_that_does_not_exist_stops_the_start_naming_it()
    {
        var message = await RefusalOf("""
            clusters:
              - name: hpc2
                connector: slurm
                ssh: { host: login2.example.org, user: jarvice }
                JARVICE_SYSTEM_REGISTRY: us-docker.pkg.dev
                JARVICE_SYSTEM_REPO_BASE: jarvice-system/images
                hooks: { dir: /nonexistent/hooks }
            """);
        Assert.Contains("hooks.dir", message);
        Assert.Contains("/nonexistent/hooks", message);
    }
}

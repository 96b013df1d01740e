using System.Diagnostics;
using Dssr.Testing;

namespace Dssr.Integration.Tests.Remote;

/// <summary>
/// With only the operator's environment variables, <c>dssr diag</c> talks to the bed over SSH.NET without starting
/// any <c>ssh</c> process: an <c>ssh</c> first on its PATH records every start (and the OpenSSH transport, the control, starts it).
/// </summary>
public sealed class NoSshProcessTests
{
    [Theory]
    [InlineData("sshnet", false)]
    [InlineData("openssh", true)]
    public async Task Diag_passes_and_starts_ssh_only_on_the_openssh_transport(string transport, bool startsSsh)
    {
        using var dir = new TempDirectory();
        var log = Path.Combine(dir.Path, "ssh-starts.log");
        foreach (var tool in new[] { "ssh", "ssh-keyscan", "ssh-keygen" })
        {
            var shim = Path.Combine(dir.Path, tool);
            var real = new[] { "/usr/bin", "/bin", "/usr/local/bin" }.Select(d => Path.Combine(d, tool)).First(File.Exists);
            await File.WriteAllTextAsync(shim, $"#!/bin/sh\necho \"{tool} $$\" >> '{log}'\nexec '{real}' \"$@\"\n");
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "dssr"), ["diag"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("JARVICE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        // The checks run through the cluster the service builds: a Slurm one, with what its connector requires.
        using var state = new Dssr.Testing.TempDirectory();
        foreach (var (name, value) in Slurm.SlurmService.Environment(TestBed.ClusterEnvironment())) start.Environment[name] = value;
        start.Environment["DSSR_STATE_DIR"] = state.Path;
        start.Environment["JARVICE_SLURM_SSH_TRANSPORT"] = transport;
        start.Environment["PATH"] = dir.Path + ":" + Environment.GetEnvironmentVariable("PATH");

        using var dssr = Process.Start(start)!;
        var output = dssr.StandardOutput.ReadToEndAsync();
        var errors = dssr.StandardError.ReadToEndAsync();
        await dssr.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var text = await output + await errors;

        Assert.True(dssr.ExitCode == 0, text);
        Assert.Contains("6 of 6 checks passed", text);
        Assert.Contains(TestBed.HostKeyFingerprint, text);
        Assert.Equal(startsSsh, File.Exists(log));
        if (!startsSsh) Assert.Contains("SSH.NET", text);
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Dssr.Engine.Remote;

namespace Dssr.Integration.Tests.TestBedChecks;

/// <summary>The test bed's Slurm answers over ssh as a plain user: what the Slurm connector will rely on.</summary>
public sealed class SlurmOverSshTests
{
    [Fact]
    public async Task A_job_submitted_over_ssh_with_its_script_on_stdin_runs_and_reports_its_exit_code()
    {
        await using var ssh = new OpenSshTransport(TestBed.Settings());
        var marker = "dssr-" + Guid.NewGuid().ToString("N")[..8];
        var submit = await ssh.RunAsync(RemoteCommand.Of("sbatch", "--parsable", "-J", marker, "-o", "/dev/null")
            .WithStdin($"#!/bin/sh\necho {marker}\nexit 3\n"));
        Assert.True(submit.ExitCode == 0, submit.Stderr);
        var jobId = submit.Stdout.Trim();
        Assert.Matches("^[0-9]+$", jobId);

        // The first scheduling pass can take a few seconds: poll, never assume.
        var clock = Stopwatch.StartNew();
        string state = "", exit = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var show = await ssh.RunAsync(RemoteCommand.Of("scontrol", "show", "job", "-o", jobId));
            state = Regex.Match(show.Stdout, @"JobState=(\S+)").Groups[1].Value;
            exit = Regex.Match(show.Stdout, @" ExitCode=(\S+)").Groups[1].Value;
            if (state is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT") break;
            await Task.Delay(200);
        }
        Assert.Equal("FAILED", state);
        Assert.Equal("3:0", exit);
    }
}

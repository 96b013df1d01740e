using Dssr.Engine.Remote;

namespace Dssr.Engine.Tests.Remote;

public class CommandLogTests
{
    private static CommandLog.Entry E(string command) => new(DateTimeOffset.UnixEpoch, "u@h:22", command, 0, null, TimeSpan.Zero);

    [Fact]
    public void A_job_id_matches_as_a_whole_word_only()
    {
        var log = new CommandLog();
        log.Add(E("scancel 12"));
        log.Add(E("scancel 120"));
        log.Add(E("scontrol show job -o 12"));
        log.Add(E("squeue -h -t all"));
        Assert.Equal(["scancel 12", "scontrol show job -o 12"], log.Mentioning("12").Select(e => e.Command));
    }

    [Fact]
    public void The_log_keeps_only_the_newest_entries()
    {
        var log = new CommandLog(capacity: 3);
        for (var i = 0; i < 5; i++) log.Add(E($"echo job{i}"));
        Assert.Equal(["echo job2", "echo job3", "echo job4"], log.Mentioning("job2", "job3", "job4", "job0").Select(e => e.Command));
    }

    [Fact]
    public async Task A_recording_shell_logs_the_exit_code_or_the_failure()
    {
        var log = new CommandLog();
        await using var shell = new RecordingShell(new LocalTransport(), log);
        await shell.RunAsync(RemoteCommand.Of("sh", "-c", "exit 3", "job42"));
        var entry = Assert.Single(log.Mentioning("job42"));
        Assert.Equal(3, entry.ExitCode);
        Assert.Equal("local", entry.Destination);
    }
}

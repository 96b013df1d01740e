using System.Text;
using Dssr.Engine.Remote;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Remote;

public sealed class RemoteCommandTests
{
    [Fact]
    public async Task A_command_after_making_a_folder_runs_in_one_shell_with_its_stdin_and_every_word_whole()
    {
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "a b", "$(touch x)");
        var command = RemoteCommand.Of("sh", "-c", "cat; printf '|%s' \"$@\"", "sh", "one word", "it's").WithStdin("in\n").AfterMakingFolder(folder);
        var result = await new LocalTransport().RunAsync(command);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("in\n|one word|it's", result.Stdout);
        Assert.True(Directory.Exists(folder));
        Assert.False(File.Exists("x"));
    }

    [Fact]
    public async Task The_command_log_keeps_the_purpose_whole_as_a_list_and_the_prelude_apart()
    {
        var log = new CommandLog();
        await using var shell = new RecordingShell(new LocalTransport(), log);
        using var dir = new TempDirectory();
        var long_ = new string('x', 300);
        await shell.RunAsync(RemoteCommand.Of("echo", "job77", "a b", long_).AfterMakingFolder(dir.Path));
        var entry = Assert.Single(log.Mentioning("job77"));
        Assert.Equal(["echo", "job77", "a b", long_], entry.Argv);
        Assert.Equal($"echo job77 'a b' {long_}", entry.Command);
        Assert.Equal($"mkdir -p -- {ShellQuoting.Quote(dir.Path)}", entry.Prelude);
        Assert.Equal(0, entry.ExitCode);
    }
}

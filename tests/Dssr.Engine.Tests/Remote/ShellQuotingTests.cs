using System.Text;
using Dssr.Engine.Remote;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Remote;

public sealed class ShellQuotingTests
{
    [Theory]
    [InlineData("squeue", "squeue")]
    [InlineData("--noheader", "--noheader")]
    [InlineData("%j|%A", "'%j|%A'")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$(id)", "'$(id)'")]
    [InlineData("x=1", "'x=1'")]
    [InlineData("~root", "'~root'")]
    public void Quotes_a_word_once_in_posix_single_quotes(string word, string quoted) =>
        Assert.Equal(quoted, ShellQuoting.Quote(word));

    [Fact]
    public void Refuses_a_nul_character_instead_of_cutting_the_word() =>
        Assert.Throws<ArgumentException>(() => ShellQuoting.Quote("a\0b"));

    [Fact]
    public void Joins_an_argv_list_with_single_spaces() =>
        Assert.Equal("scancel -f '1;reboot'", ShellQuoting.Join(new[] { "scancel", "-f", "1;reboot" }));

    [Fact]
    public async Task Hostile_strings_survive_the_local_shell_byte_for_byte_and_run_nothing()
    {
        using var dir = new TempDirectory();
        var canary = "canary-" + Guid.NewGuid().ToString("N")[..8];
        var strings = HostileStrings.Generate(2_000, canary);
        var shell = new LocalTransport();
        foreach (var batch in strings.Chunk(500))
        {
            var argv = new List<string> { "sh", "-c", "cd \"$1\" && shift && printf '%s\\0' \"$@\"", "sh", dir.Path };
            argv.AddRange(batch);
            var result = await shell.RunAsync(new RemoteCommand(argv));
            Assert.Equal(0, result.ExitCode);
            var expected = batch.SelectMany(s => Encoding.UTF8.GetBytes(s).Append((byte)0)).ToArray();
            Assert.Equal(expected, result.StdoutBytes);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
        Assert.False(File.Exists(canary));
    }
}

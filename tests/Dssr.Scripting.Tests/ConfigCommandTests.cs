using Dssr.Engine.Configuration;
using Dssr.Testing;
using Dssr.Tui.Commands;

namespace Dssr.Scripting.Tests;

/// <summary><c>dssr config</c>: the effective settings with their sources, or the one line that stops a start, exit code 2.</summary>
public sealed class ConfigCommandTests
{
    private static (int Exit, string Out, string Err) Run(Dictionary<string, string> env, CommandLineOverrides? cli = null)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var exit = ConfigCommand.Run(env, cli ?? new CommandLineOverrides(), output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Config_lists_the_service_and_connector_settings_with_their_sources()
    {
        using var state = new TempDirectory();
        var (exit, output, errors) = Run(new() { ["DSSR_STATE_DIR"] = state.Path, ["JARVICE_DUMMY_JOB_QUEUED_TIME"] = "1" },
            new CommandLineOverrides(LogLevel: "WARNING"));
        Assert.True(exit == 0, errors);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("WAITRESS_PORT ") && l.EndsWith("5000  (default)"));
        Assert.Contains(lines, l => l.StartsWith("JARVICE_SCHED_LOGLEVEL ") && l.EndsWith("WARNING  (command line)"));
        Assert.Contains(lines, l => l.StartsWith("JARVICE_DUMMY_JOB_QUEUED_TIME ") && l.EndsWith("1  (env)"));
        Assert.DoesNotContain(lines, l => l.StartsWith("JARVICE_SLURM_"));
    }

    [Theory]
    [InlineData("WAITRESS_PORT", "abc")]
    [InlineData("JARVICE_DUMMY_JOB_FAILING_PERCENT", "200")]
    [InlineData("JARVICE_BAREMETAL_CONNECTOR", "nope")]
    public void A_bad_setting_is_one_line_on_stderr_and_exit_code_2(string name, string value)
    {
        using var state = new TempDirectory();
        var (exit, output, errors) = Run(new() { ["DSSR_STATE_DIR"] = state.Path, [name] = value });
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"dssr config: {name}", line);
        Assert.Contains(value, line);
    }
}

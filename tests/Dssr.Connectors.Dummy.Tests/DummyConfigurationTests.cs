using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Connectors.Dummy.Tests;

/// <summary>The dummy's settings: each refused value is one line naming the variable and the value.</summary>
public sealed class DummyConfigurationTests
{
    [Theory]
    [InlineData("JARVICE_DUMMY_JOB_QUEUED_TIME", "soon")]
    [InlineData("JARVICE_DUMMY_JOB_QUEUED_TIME", "-1")]
    [InlineData("JARVICE_DUMMY_JOB_RUNNING_TIME", "86401")]
    [InlineData("JARVICE_DUMMY_JOB_FAILING_PERCENT", "101")]
    [InlineData("JARVICE_DUMMY_SEED", "lucky")]
    public void An_invalid_value_is_one_line_naming_the_variable_and_the_value(string name, string value)
    {
        var config = DssrConfiguration.Build(new Dictionary<string, string> { [name] = value });
        var context = new ConnectorContext("default", config.Section(DummySettingsCatalog.All.Select(s => s.Name)), Path.GetTempPath(),
            TimeProvider.System, NullLoggerFactory.Instance);
        var e = Assert.Throws<ConfigurationException>(() => DummySettings.From(context));
        var line = ConfigurationErrors.OneLine(e, config, DummySettingsCatalog.All);
        Assert.StartsWith(name, line);
        Assert.Contains(value, line);
    }

    [Fact]
    public void The_defaults_are_the_originals()
    {
        var context = new ConnectorContext("default", new Dictionary<string, string>(), Path.GetTempPath(), TimeProvider.System, NullLoggerFactory.Instance);
        var s = DummySettings.From(context);
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 50, false, (int?)null, "singularity"),
            (s.QueuedTime, s.RunningTime, s.FailingPercent, s.Interactive, s.Seed, s.Executor));
        Assert.Equal(["5", "10", "50", "False", "unset", "singularity"], DummySettingsCatalog.All.Select(x => x.Default));
    }
}

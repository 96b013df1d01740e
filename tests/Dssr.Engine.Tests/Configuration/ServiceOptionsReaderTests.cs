using Dssr.Engine.Configuration;
using Serilog.Events;

namespace Dssr.Engine.Tests.Configuration;

public class ServiceOptionsReaderTests
{
    private static ServiceOptions Read(Dictionary<string, string> env, CommandLineOverrides? cli = null) =>
        ServiceOptionsReader.Read(env, cli ?? new CommandLineOverrides());

    [Fact]
    public void Defaults_are_loopback_port_5000_info_dummy_and_the_xdg_state_folder()
    {
        var o = Read(new() { ["HOME"] = "/home/op" });
        Assert.Equal("http://127.0.0.1:5000", o.ListenUrl);
        Assert.Equal(LogEventLevel.Information, o.LogLevel);
        Assert.Equal("dummy", o.ConnectorName);
        Assert.Equal("/home/op/.local/state/dssr", o.StateDirectory);
        Assert.Null(o.ServerKey);
        Assert.Equal(TimeSpan.FromSeconds(2), o.QueueMaxAge);
    }

    [Fact]
    public void Waitress_variables_set_the_address_and_the_command_line_wins()
    {
        var env = new Dictionary<string, string> { ["WAITRESS_BIND_ADDRESS"] = "0.0.0.0", ["WAITRESS_PORT"] = "8080", ["HOME"] = "/h" };
        Assert.Equal("http://0.0.0.0:8080", Read(env).ListenUrl);
        Assert.True(Read(env).ListensOnAllInterfaces);
        Assert.Equal("http://127.0.0.1:9", Read(env, new CommandLineOverrides(Listen: "http://127.0.0.1:9")).ListenUrl);
    }

    [Theory]
    [InlineData("10", LogEventLevel.Debug)]
    [InlineData("20", LogEventLevel.Information)]
    [InlineData("30", LogEventLevel.Warning)]
    [InlineData("40", LogEventLevel.Error)]
    [InlineData("50", LogEventLevel.Fatal)]
    [InlineData("debug", LogEventLevel.Debug)]
    public void Python_log_levels_map_to_serilog(string value, LogEventLevel expected)
    {
        Assert.Equal(expected, Read(new() { ["JARVICE_SCHED_LOGLEVEL"] = value, ["HOME"] = "/h" }).LogLevel);
    }

    [Theory]
    [InlineData("JARVICE_SCHED_LOGLEVEL", "loud")]
    [InlineData("WAITRESS_PORT", "http")]
    [InlineData("WAITRESS_PORT", "70000")]
    [InlineData("JARVICE_SCHED_SERVER_KEY", "no-colon")]
    [InlineData("DSSR_QUEUE_MAX_AGE_MS", "-1")]
    public void A_bad_value_is_an_error_naming_the_variable(string key, string value)
    {
        var e = Assert.Throws<ConfigurationException>(() => Read(new() { [key] = value, ["HOME"] = "/h" }));
        Assert.StartsWith(key + ":", e.Message);
    }
}

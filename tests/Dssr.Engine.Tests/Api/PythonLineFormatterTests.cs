using Dssr.Engine.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Dssr.Engine.Tests.Api;

public class PythonLineFormatterTests
{
    [Fact]
    public void Lines_look_like_pythons_asctime_process_levelname_message()
    {
        var template = new MessageTemplateParser().Parse("Submitted {Name} as job {JobId}");
        var at = new DateTimeOffset(2023, 9, 12, 9, 8, 4, 204, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2023, 9, 12)));
        var e = new LogEvent(at, LogEventLevel.Warning, null, template,
            [new LogEventProperty("Name", new ScalarValue("a_s1")), new LogEventProperty("JobId", new ScalarValue(42))]);
        var output = new StringWriter();
        new PythonLineFormatter().Format(e, output);
        Assert.Equal($"2023-09-12 09:08:04,204 [{Environment.ProcessId}] WARNING Submitted a_s1 as job 42\n", output.ToString());
    }

    [Fact]
    public void A_value_longer_than_the_limit_is_cut_and_says_how_much_was_left_out()
    {
        var template = new MessageTemplateParser().Parse("squeue failed: {Error}");
        var error = new string('x', PythonLineFormatter.MaxValueLength + 1000);
        var e = new LogEvent(DateTimeOffset.Now, LogEventLevel.Error, new InvalidOperationException(error), template,
            [new LogEventProperty("Error", new ScalarValue(error))]);
        var output = new StringWriter();
        new PythonLineFormatter().Format(e, output);
        var line = output.ToString();
        Assert.Equal(2, line.Split("… (1000 more characters)").Length - 1); // the value and the exception's message
        Assert.True(line.Length < 3 * PythonLineFormatter.MaxValueLength, $"{line.Length} characters");
    }
}

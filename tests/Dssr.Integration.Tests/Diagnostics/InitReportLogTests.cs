using System.Text.RegularExpressions;
using Dssr.Engine.Diagnostics;
using Dssr.Engine.Logging;
using Dssr.Connectors.Slurm;
using Dssr.Connectors.Slurm.Diagnostics;
using Dssr.Engine.Connectors;
using Dssr.Testing;
using Serilog;

namespace Dssr.Integration.Tests.Diagnostics;

/// <summary>The init report as the service logs it: one record per line, in the service's line format.</summary>
public sealed class InitReportLogTests
{
    private static async Task<string[]> LoggedAsync(Dictionary<string, string> env)
    {
        var text = new StringWriter();
        using var serilog = new LoggerConfiguration().MinimumLevel.Information()
            .WriteTo.Sink(new TextWriterSink(text, new PythonLineFormatter())).CreateLogger();
        // The report alone: the service itself logs nowhere here.
        using var logs = new Serilog.Extensions.Logging.SerilogLoggerFactory(serilog);
        using var state = new TempDirectory();
        await using var dssr = await TestService.StartAsync(new ConnectorRegistry().AddSlurm(), state.Path, Slurm.SlurmService.Environment(env), waitForReady: false);
        var diagnosis = await dssr.Host.Clusters.Default.DiagnoseAsync(CancellationToken.None);
        ClusterDiagnostics.Log(logs.CreateLogger("dssr"), diagnosis!);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task The_report_and_its_checks_are_logged_line_by_line_ending_in_success()
    {
        var lines = await LoggedAsync(TestBed.ClusterEnvironment());
        var prefix = new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[\d+\] (INFO|WARNING) ");
        Assert.All(lines, l => Assert.Matches(prefix, l));
        var messages = lines.Select(l => prefix.Replace(l, "")).ToList();
        Assert.Equal(InitReport.Top, messages[0]);
        Assert.Contains(InitReport.Bottom, messages);
        Assert.Contains(messages, m => m.StartsWith(" slurm commands: PASS slurm-wlm", StringComparison.Ordinal));
        Assert.Equal(" Success! :)", messages[^1]);
        Assert.DoesNotContain(lines, l => l.Contains(" WARNING ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_check_is_a_warning_followed_by_its_fix()
    {
        var env = TestBed.ClusterEnvironment();
        env["JARVICE_SLURM_CLUSTER_PORT"] = ClosedPort.Find().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var lines = await LoggedAsync(env);
        var failed = Array.FindIndex(lines, l => l.Contains(" WARNING  tcp reach: FAIL", StringComparison.Ordinal));
        Assert.True(failed >= 0, string.Join('\n', lines));
        Assert.Contains(" WARNING    fix: check JARVICE_SLURM_CLUSTER_ADDR", lines[failed + 1]);
        Assert.DoesNotContain(lines, l => l.Contains("Success", StringComparison.Ordinal));
    }
}

using Dssr.Engine.Observability;
using Dssr.Tui.ViewModels;
using Dssr.Tui.Views;

namespace Dssr.Tui.Tests.ViewModels;

/// <summary>View 4 (the Slurm load) and the recorder key.</summary>
public class LoadAndRecorderTests
{
    private static LoadFigures Figures(int perMinute, int budget, int[] sparkline, Dictionary<string, int>? lastMinute = null, int rpcs = 0) =>
        new(lastMinute ?? new() { [LoadMeter.QueueQuery] = perMinute }, lastMinute ?? new() { [LoadMeter.QueueQuery] = perMinute }, perMinute, rpcs,
            sparkline, budget, perMinute > budget);

    [Fact]
    public void Four_shows_the_load_and_escape_goes_back()
    {
        var h = new ConsoleHarness();
        h.Press('4');
        Assert.Equal(ConsoleMode.Load, h.Model.Mode);
        h.Press(ConsoleKey.Escape);
        Assert.Equal(ConsoleMode.Main, h.Model.Mode);
    }

    [Fact]
    public void Every_view_but_the_repl_reaches_views_4_and_5()
    {
        foreach (var mode in KeyMap.Modes.Where(m => m != ConsoleMode.Repl))
        {
            var keys = KeyMap.Of(mode).SelectMany(b => b.Strokes).Select(s => s.Char).ToList();
            Assert.True(mode == ConsoleMode.Load || keys.Contains('4'), $"{mode} lacks 4");
            Assert.True(mode == ConsoleMode.Reconcile || keys.Contains('5'), $"{mode} lacks 5");
        }
    }

    [Fact]
    public void Shift_r_starts_and_stops_recording_and_says_where()
    {
        var h = new ConsoleHarness();
        h.Press('R');
        Assert.Equal(["record"], h.Actions.Calls);
        Assert.Contains("/state/recording.jsonl", h.Model.Message);
        h.Press('4');
        h.Press('R');
        Assert.Equal(["record", "stop recording"], h.Actions.Calls);
        Assert.Equal("recording stopped", h.Model.Message);
    }

    [Fact]
    public void Recording_is_no_change_to_a_job_so_read_only_keeps_it()
    {
        var h = new ConsoleHarness(readOnly: true);
        h.Press('R');
        Assert.Equal(["record"], h.Actions.Calls);
    }

    [Fact]
    public void The_header_says_recording_early_enough_to_be_seen_at_80_columns()
    {
        var header = ScreenText.Header(new HeaderInfo("0.1.0", "http://127.0.0.1:5000", true, null, false, 0, null, false) { RecordingTo = "/s/recording.jsonl" });
        Assert.Contains("● recording", header[..Math.Min(80, header.Length)]);
        Assert.DoesNotContain("recording", ScreenText.Header(new HeaderInfo("0.1.0", "http://127.0.0.1:5000", true, null, false, 0, null, false)));
    }

    [Fact]
    public void The_sparkline_is_one_block_per_minute_with_the_budget_as_full_height()
    {
        Assert.Equal(" ▁▄████", Sparkline.Of([0, 1, 15, 30, 31, 60, 600], 30));
        Assert.Equal("", Sparkline.Of([], 30));
        Assert.Equal("█", Sparkline.Of([1], 0)); // a zero budget: anything is a full block
    }

    [Fact]
    public void A_cluster_over_budget_is_marked_and_drawn_as_an_alert_with_its_commands()
    {
        var model = new ConsoleModel(readOnly: false)
        {
            Load =
            [
                new LoadRow("default", Figures(58, 30, [0, 0, 0, 0, 0, 0, 0, 12, 60, 58], new() { [LoadMeter.QueueQuery] = 58, ["squeue"] = 58, ["sbatch"] = 1 }, rpcs: 59)),
                new LoadRow("backup", Figures(3, 30, [0, 0, 0, 0, 0, 0, 0, 0, 0, 3])),
            ],
        };
        var lines = LoadText.Lines(model);
        var over = lines.Where(l => l.Text.StartsWith("default ")).Single();
        Assert.Equal(LineRole.Alert, over.Role);
        Assert.Contains("58 queue queries/min, budget 30", over.Text);
        Assert.Contains("OVER BUDGET", over.Text);
        Assert.Contains("│       ▄██│", over.Text); // 12 of 30 is half height
        Assert.Contains(lines, l => l.Text == "  59 controller RPC/min │ last minute: squeue 58, sbatch 1" && l.Role == LineRole.Alert);
        var within = lines.Where(l => l.Text.StartsWith("backup ")).Single();
        Assert.Equal(LineRole.Normal, within.Role);
        Assert.DoesNotContain("OVER", within.Text);
        Assert.Contains(lines, l => l.Text.Contains("last minute: no remote command") && l.Role == LineRole.Normal);
        Assert.All(lines.Where(l => l.Text.StartsWith("default ") || l.Text.StartsWith("backup ")), l => Assert.True(l.Text.Length <= 80, l.Text));
    }
}

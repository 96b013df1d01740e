using Dssr.Engine.Observability;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Observability;

public sealed class LoadMeterTests
{
    [Fact]
    public void The_last_minute_counts_by_program_and_only_the_connectors_controller_commands_count_as_rpcs()
    {
        var clock = new ManualClock();
        var load = new LoadMeter(clock) { ControllerCommands = new HashSet<string> { "lsq", "submit" } };
        for (var i = 0; i < 20; i++)
        {
            load.RecordQueueQuery();
            load.Record("lsq");
        }
        load.Record("submit");
        load.Record("mkdir");
        var figures = load.Figures();
        Assert.Equal(20, figures.QueueQueriesPerMinute);
        Assert.Equal(21, figures.ControllerRpcsPerMinute);
        Assert.Equal(1, figures.LastMinute["mkdir"]);
        Assert.False(figures.OverBudget);
        Assert.Equal(20, figures.QueueQuerySparkline[^1]);
    }

    [Fact]
    public void Over_budget_when_the_last_minute_has_more_queue_queries_than_the_budget()
    {
        var clock = new ManualClock();
        var load = new LoadMeter(clock) { Budget = 5 };
        for (var i = 0; i < 6; i++) load.RecordQueueQuery();
        Assert.True(load.Figures().OverBudget);
        Assert.Contains("OVER BUDGET", load.Figures().Summary);
        clock.AdvanceSeconds(70); // the minute has passed: within budget again, still in the 10 minutes
        var later = load.Figures();
        Assert.False(later.OverBudget);
        Assert.Equal(0, later.QueueQueriesPerMinute);
        Assert.Equal(6, later.LastTenMinutes[LoadMeter.QueueQuery]);
    }

    [Fact]
    public void The_sparkline_has_one_figure_per_minute_oldest_first_and_forgets_after_ten_minutes()
    {
        var clock = new ManualClock();
        var load = new LoadMeter(clock);
        for (var minute = 0; minute < 10; minute++)
        {
            for (var i = 0; i <= minute; i++) load.RecordQueueQuery();
            clock.AdvanceSeconds(60);
        }
        clock.AdvanceSeconds(-1); // still inside the 10th minute
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], load.Figures().QueueQuerySparkline);
        clock.AdvanceSeconds(10 * 60 + 1);
        Assert.Empty(load.Figures().LastTenMinutes);
    }
}

using Dssr.Scripting.Repl;

namespace Dssr.Scripting.Tests;

/// <summary>The warm-up compiles and runs in the background and leaves nothing the operator would see.</summary>
[Collection(LiveServiceCollection.Name)]
public class WarmUpTests(LiveService live)
{
    [Fact]
    public async Task The_warm_up_leaves_no_variables_no_evaluations_and_no_last_value()
    {
        var session = live.NewSession();
        var warm = session.WarmUpAsync();
        Assert.Same(warm, session.WarmUpAsync());
        await warm;
        Assert.Empty(session.Variables);
        Assert.Equal(0, session.Evaluations);
        Assert.Null(session.Globals.Last.Value);
        Assert.Equal("3", (await session.EvaluateAsync("1 + 2")).Text);
    }

    [Fact]
    public async Task A_line_typed_before_the_warm_up_ends_waits_for_it_and_then_runs()
    {
        var session = live.NewSession();
        _ = session.WarmUpAsync();
        var result = await session.EvaluateAsync("Clusters.All.Count");
        Assert.Equal(ReplOutcome.Value, result.Outcome);
        Assert.Equal("1", result.Text);
        Assert.Equal(1, session.Evaluations);
    }
}

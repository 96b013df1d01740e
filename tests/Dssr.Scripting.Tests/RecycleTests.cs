using Dssr.Scripting.Formatting;
using Dssr.Scripting.Repl;

namespace Dssr.Scripting.Tests;

/// <summary>Past the recycle threshold the Roslyn session is started afresh; the operator keeps variables and usings.</summary>
[Collection(LiveServiceCollection.Name)]
public class RecycleTests(LiveService live)
{
    [Fact]
    public async Task Past_the_threshold_the_session_is_recycled_keeping_variables_and_usings_and_says_so()
    {
        var session = live.NewSession(new ReplOptions(TimeSpan.FromSeconds(2), 4, FormatLimits.Default));
        await session.EvaluateAsync("using System.Globalization;");
        await session.EvaluateAsync("var count = 3; var names = new List<string> { \"a\", \"b\" };");
        await session.EvaluateAsync("var map = new Dictionary<string, int[]> { [\"x\"] = new[] { 1 } };");
        await session.EvaluateAsync("var snapshot = await Squeue();");
        Assert.Equal(0, session.Restarts);

        var result = await session.EvaluateAsync("count + names.Count + map[\"x\"][0] + snapshot.Jobs.Count * 0");
        Assert.Equal(1, session.Restarts);
        Assert.Equal("6", result.Text);
        Assert.Contains("recycled after 4 submissions", result.Notice);
        Assert.Contains("kept count, names, map, snapshot", result.Notice);
        Assert.Equal("1.5", (await session.EvaluateAsync("1.5.ToString(CultureInfo.InvariantCulture)")).Text);
    }

    [Theory]
    [InlineData(typeof(int), "int")]
    [InlineData(typeof(List<string>), "global::System.Collections.Generic.List<string>")]
    [InlineData(typeof(Dictionary<string, int[]>), "global::System.Collections.Generic.Dictionary<string, int[]>")]
    [InlineData(typeof(int?), "global::System.Nullable<int>")]
    [InlineData(typeof(KeyValuePair<string, long>[]), "global::System.Collections.Generic.KeyValuePair<string, long>[]")]
    public void Carried_types_are_written_as_csharp_can_name_them(Type type, string expected) =>
        Assert.Equal(expected, TypeNames.CSharp(type));

    [Fact]
    public void Types_a_fresh_session_cannot_name_are_not_carried()
    {
        Assert.Null(TypeNames.CSharp(new { A = 1 }.GetType()));
        Assert.Null(TypeNames.CSharp(typeof(PrivateThing)));
    }

    private sealed class PrivateThing;
}

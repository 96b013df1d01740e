using Dssr.Scripting.Repl;

namespace Dssr.Scripting.Tests;

/// <summary>What a REPL line does: state carried, more input asked for, values shown, errors placed.</summary>
[Collection(LiveServiceCollection.Name)]
public class ReplSessionTests(LiveService live)
{
    private ReplSession Session => live.Session;

    [Fact]
    public async Task Variables_and_methods_carry_from_one_line_to_the_next()
    {
        Assert.Equal(ReplOutcome.Value, (await Session.EvaluateAsync("var carried = 40;")).Outcome);
        await Session.EvaluateAsync("int AddTwo(int x) => x + 2;");
        var result = await Session.EvaluateAsync("AddTwo(carried)");
        Assert.Equal(ReplOutcome.Value, result.Outcome);
        Assert.Equal("42", result.Text);
    }

    [Theory]
    [InlineData("if (true) {")]
    [InlineData("var s = \"\"\"")]
    [InlineData("new[] { 1,")]
    public async Task Input_that_is_not_complete_asks_for_more_and_runs_nothing(string code)
    {
        var before = Session.Evaluations;
        var result = await Session.EvaluateAsync(code);
        Assert.Equal(ReplOutcome.Incomplete, result.Outcome);
        Assert.Equal(before, Session.Evaluations);
    }

    [Fact]
    public async Task A_block_completed_on_a_later_line_runs_as_one_submission()
    {
        Assert.False(Submission.IsComplete("var total = 0;\nfor (var i = 1; i <= 4; i++) {"));
        var result = await Session.EvaluateAsync("var total = 0;\nfor (var i = 1; i <= 4; i++) {\n  total += i;\n}\ntotal");
        Assert.Equal("10", result.Text);
    }

    [Fact]
    public async Task Top_level_await_gives_the_awaited_value()
    {
        var result = await Session.EvaluateAsync("await Task.Delay(1); await Task.FromResult(\"done\")");
        Assert.Equal(ReplOutcome.Value, result.Outcome);
        Assert.Equal("done", result.Text);
    }

    [Fact]
    public async Task A_compile_error_names_its_line_and_column_and_keeps_the_state()
    {
        await Session.EvaluateAsync("var kept = 7;");
        var result = await Session.EvaluateAsync("var a = 1;\nvar b = nope + 1;");
        Assert.Equal(ReplOutcome.CompileError, result.Outcome);
        Assert.Contains("(2,9): error CS0103", result.Text);
        Assert.Contains("nope", result.Text);
        Assert.Equal("7", (await Session.EvaluateAsync("kept")).Text);
    }

    [Fact]
    public async Task An_exception_is_one_short_line_and_the_whole_of_it_is_in_Last_Exception()
    {
        var result = await Session.EvaluateAsync("throw new InvalidOperationException(\"first line\\nsecond line\");");
        Assert.Equal(ReplOutcome.Exception, result.Outcome);
        Assert.Equal("InvalidOperationException: first line  (Last.Exception has all of it)", result.Text);
        var last = await Session.EvaluateAsync("Last.Exception.Message");
        Assert.Equal("first line\nsecond line", last.Text);
    }

    [Fact]
    public async Task Variables_assigned_before_an_exception_survive_it()
    {
        await Session.EvaluateAsync("var survivor = 1; survivor = 2; throw new Exception(\"x\");");
        Assert.Equal("2", (await Session.EvaluateAsync("survivor")).Text);
    }

    [Fact]
    public async Task A_statement_shows_nothing_but_a_null_expression_shows_null()
    {
        Assert.Equal("", (await Session.EvaluateAsync("var nothing = (string?)null;")).Text);
        Assert.Equal("", (await Session.EvaluateAsync("Console.Out.Flush()")).Text);
        Assert.Equal("null", (await Session.EvaluateAsync("nothing")).Text);
    }

    [Fact]
    public async Task Printed_output_comes_before_the_value()
    {
        var result = await Session.EvaluateAsync("Print(\"hello\"); 5");
        Assert.Equal("hello\n5", result.Text);
    }

    [Fact]
    public async Task Records_in_a_list_are_shown_as_a_table()
    {
        await Session.EvaluateAsync("record Row(string Name, int Count);");
        var result = await Session.EvaluateAsync("new List<Row> { new(\"alpha\", 1), new(\"beta\", 22) }");
        Assert.Equal("Name   Count\n-----  -----\nalpha  1\nbeta   22\n(2 items)", result.Text);
    }

    [Fact]
    public async Task Long_output_is_cut_with_a_note_and_the_whole_value_stays_in_Last_Value()
    {
        var result = await Session.EvaluateAsync("Enumerable.Range(0, 500).ToList()");
        Assert.EndsWith("… 50 of 500 items shown; the whole value is in Last.Value", result.Text);
        Assert.Equal("500", (await Session.EvaluateAsync("((List<int>)Last.Value).Count")).Text);
        var text = await Session.EvaluateAsync("new string('x', 20_000)");
        Assert.Contains("output truncated: 8,000 of 20,000 characters shown", text.Text);
    }

    [Fact]
    public async Task Help_lists_every_global()
    {
        var help = await Session.EvaluateAsync("#help");
        Assert.Equal(ReplOutcome.Command, help.Outcome);
        foreach (var name in new[] { "Clusters", "Cluster(\"name\")", "Jobs", "Api", "Squeue", "Connector", "Ct", "Last", "Print", "Args", "#vars", "#reset" })
            Assert.Contains(name, help.Text);
    }

    [Fact]
    public async Task Vars_lists_the_variables_with_their_types()
    {
        var session = live.NewSession();
        await session.EvaluateAsync("var answer = 42; var word = \"w\";");
        var vars = await session.EvaluateAsync("#vars");
        Assert.Matches(@"answer\s+int\s+42", vars.Text);
        Assert.Matches(@"word\s+string\s+w", vars.Text);
    }

    [Fact]
    public async Task Reset_drops_the_variables()
    {
        var session = live.NewSession();
        await session.EvaluateAsync("var gone = 1;");
        Assert.Equal(ReplOutcome.Command, (await session.EvaluateAsync("#reset")).Outcome);
        Assert.Equal(ReplOutcome.CompileError, (await session.EvaluateAsync("gone")).Outcome);
    }
}

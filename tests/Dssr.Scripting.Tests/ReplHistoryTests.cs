using Dssr.Scripting.Repl;
using Dssr.Testing;

namespace Dssr.Scripting.Tests;

/// <summary>The REPL's history survives a restart, keeps multi-line submissions whole, and stays bounded.</summary>
[Collection(LiveServiceCollection.Name)]
public class ReplHistoryTests(LiveService live) : IDisposable
{
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    [Fact]
    public void Submissions_are_recalled_by_the_next_run_with_their_lines_whole()
    {
        var first = new ReplHistory(_state.Path);
        first.Add("var a = 1;");
        first.Add("if (a > 0)\n{\n    Print(\"quote \\\" and tab\t\");\n}");
        first.Add("if (a > 0)\n{\n    Print(\"quote \\\" and tab\t\");\n}");
        Assert.Equal(
            ["var a = 1;", "if (a > 0)\n{\n    Print(\"quote \\\" and tab\t\");\n}"],
            new ReplHistory(_state.Path).Entries);
    }

    [Fact]
    public void Only_the_newest_entries_are_kept()
    {
        var history = new ReplHistory(_state.Path, max: 3);
        for (var i = 0; i < 10; i++) history.Add($"line {i}");
        Assert.Equal(["line 7", "line 8", "line 9"], new ReplHistory(_state.Path, max: 3).Entries);
        Assert.True(File.ReadAllLines(Path.Combine(_state.Path, ReplHistory.FileName)).Length <= 6);
    }

    [Fact]
    public void A_damaged_line_costs_that_line_only()
    {
        File.WriteAllText(Path.Combine(_state.Path, ReplHistory.FileName), "\"good\"\n\"cut sho\n\"also good\"\n");
        Assert.Equal(["good", "also good"], new ReplHistory(_state.Path).Entries);
    }

    [Fact]
    public async Task The_session_records_complete_submissions_and_not_incomplete_ones_or_commands()
    {
        var history = new ReplHistory(_state.Path);
        var session = live.NewSession(history: history);
        await session.EvaluateAsync("if (true) {");
        await session.EvaluateAsync("#help");
        await session.EvaluateAsync("if (true) {\n}");
        Assert.Equal(["if (true) {\n}"], new ReplHistory(_state.Path).Entries);
    }
}

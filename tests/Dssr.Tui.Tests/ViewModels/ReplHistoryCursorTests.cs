using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

public class ReplHistoryCursorTests
{
    [Fact]
    public void History_walks_back_and_forth_and_keeps_the_draft()
    {
        var h = new ReplHistoryCursor();
        h.Load(["one", "two"]);
        Assert.Equal("two", h.Previous("dra"));
        Assert.Equal("one", h.Previous("two"));
        Assert.Null(h.Previous("one"));
        Assert.Equal("two", h.Next());
        Assert.Equal("dra", h.Next());
        Assert.Null(h.Next());
    }

    [Fact]
    public void Submit_remembers_a_line_once()
    {
        var h = new ReplHistoryCursor();
        h.Add("a");
        h.Add("a");
        h.Add("  ");
        Assert.Equal(["a"], h.Entries);
    }

    [Fact]
    public void Search_finds_the_newest_match_and_then_older_ones()
    {
        var h = new ReplHistoryCursor();
        h.Load(["Jobs.Count()", "1+1", "Jobs.Recent(3)"]);
        Assert.Equal("Jobs.Recent(3)", h.Search("jobs", older: false));
        Assert.Equal("Jobs.Count()", h.Search("jobs", older: true));
        Assert.Null(h.Search("nothing", older: false));
    }
}

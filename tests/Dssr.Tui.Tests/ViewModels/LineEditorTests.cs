using Dssr.Tui.ViewModels;

namespace Dssr.Tui.Tests.ViewModels;

public class LineEditorTests
{
    private static ConsoleKeyInfo K(ConsoleKey key, bool ctrl = false) => new('\0', key, false, false, ctrl);

    private static LineEditor Typed(string text)
    {
        var e = new LineEditor();
        foreach (var c in text) e.Handle(new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false));
        return e;
    }

    [Fact]
    public void Typing_inserts_at_the_cursor()
    {
        var e = Typed("1+2");
        e.Handle(K(ConsoleKey.LeftArrow));
        e.Handle(K(ConsoleKey.LeftArrow));
        e.Insert("0");
        Assert.Equal("10+2", e.Text);
        Assert.Equal(2, e.Cursor);
    }

    [Fact]
    public void Word_moves_jump_over_words_and_ctrl_w_deletes_one()
    {
        var e = Typed("await Api.Running()");
        e.Handle(K(ConsoleKey.LeftArrow, ctrl: true));
        Assert.Equal("await Api.".Length, e.Cursor);
        e.Handle(K(ConsoleKey.LeftArrow, ctrl: true));
        Assert.Equal("await ".Length, e.Cursor);
        e.Handle(K(ConsoleKey.RightArrow, ctrl: true));
        Assert.Equal("await Api".Length, e.Cursor);
        e.Handle(K(ConsoleKey.End));
        e.Handle(K(ConsoleKey.W, ctrl: true));
        Assert.Equal("await Api.", e.Text); // the word and the punctuation after it
    }

    [Fact]
    public void Home_and_end_stay_on_the_current_line_of_a_multi_line_input()
    {
        var e = Typed("var x = 1;");
        e.Insert("\n");
        e.Insert("x + 1");
        e.Handle(K(ConsoleKey.Home));
        Assert.Equal("var x = 1;\n".Length, e.Cursor);
        e.Handle(K(ConsoleKey.End));
        Assert.Equal(e.Text.Length, e.Cursor);
    }

    [Fact]
    public void History_walks_back_and_forth_and_keeps_the_draft()
    {
        var e = new LineEditor();
        e.Load(["1", "2"]);
        foreach (var c in "dr") e.Handle(new ConsoleKeyInfo(c, ConsoleKey.NoName, false, false, false));
        e.Handle(K(ConsoleKey.UpArrow));
        Assert.Equal("2", e.Text);
        e.Handle(K(ConsoleKey.UpArrow));
        e.Handle(K(ConsoleKey.UpArrow));
        Assert.Equal("1", e.Text);
        e.Handle(K(ConsoleKey.DownArrow));
        e.Handle(K(ConsoleKey.DownArrow));
        Assert.Equal("dr", e.Text);
    }

    [Fact]
    public void Submit_empties_the_line_and_remembers_it_once()
    {
        var e = Typed("Clusters");
        Assert.Equal("Clusters", e.Submit());
        Assert.Equal("", e.Text);
        e.Insert("Clusters");
        e.Submit();
        e.Submit();
        Assert.Equal(["Clusters"], e.History);
    }

    [Fact]
    public void Enter_and_escape_are_left_to_the_caller()
    {
        var e = Typed("x");
        Assert.False(e.Handle(K(ConsoleKey.Enter)));
        Assert.False(e.Handle(K(ConsoleKey.Escape)));
        Assert.Equal("x", e.Text);
    }
}

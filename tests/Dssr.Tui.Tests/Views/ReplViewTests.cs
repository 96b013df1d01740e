using Dssr.Tui.ViewModels;
using Terminal.Gui.Input;

namespace Dssr.Tui.Tests.Views;

[Collection(nameof(TerminalGui))]
public class ReplViewTests
{
    [Fact]
    public void Colon_opens_the_repl_and_a_complete_line_is_evaluated()
    {
        using var s = new ScreenHarness();
        s.Press(':');
        Assert.Equal(ConsoleMode.Repl, s.Model.Mode);
        Assert.Contains("C# REPL on the live service", s.Screen);
        s.Press("q+1"); // q is text here, not quit
        s.Press(Key.Enter);
        var screen = s.Screen;
        Assert.Contains("> q+1", screen);
        Assert.Contains("=q+1", screen);
        Assert.False(s.Model.QuitRequested);
        Assert.Equal("", s.Window.Repl.Input.Text);
    }

    [Fact]
    public void Enter_in_an_incomplete_submission_adds_a_line()
    {
        using var s = new ScreenHarness();
        s.Press(':');
        s.Press("if (x) {");
        s.Press(Key.Enter);
        Assert.DoesNotContain("> if (x) {", s.Screen);
        Assert.Equal(2, s.Window.Repl.Input.Lines);
        s.Press("}");
        s.Press(Key.Enter);
        Assert.Contains("=if (x) {", s.Screen);
    }

    [Fact]
    public void Up_on_the_first_line_recalls_history_and_ctrl_r_searches_it()
    {
        using var s = new ScreenHarness();
        s.Pane.History.Load(["Jobs.Count()", "1+1"]);
        s.Press(':');
        s.Press(Key.CursorUp);
        Assert.Equal("1+1", s.Window.Repl.Input.Text);
        s.Press(Key.CursorUp);
        Assert.Equal("Jobs.Count()", s.Window.Repl.Input.Text);
        s.Press(Key.CursorDown);
        Assert.Equal("1+1", s.Window.Repl.Input.Text);
        s.Press(Key.R.WithCtrl);
        s.Press("count");
        Assert.Equal("Jobs.Count()", s.Window.Repl.Input.Text);
        s.Press(Key.Enter);
        Assert.DoesNotContain("(history search)", s.Window.Repl.Hint);
    }

    [Fact]
    public void Tab_opens_the_completion_popup_and_enter_takes_the_choice()
    {
        using var s = new ScreenHarness();
        s.Press(':');
        s.Press("Jobs.");
        s.Press(Key.Tab);
        Assert.True(SpinUntil(() => { s.App.TimedEvents!.RunTimers(); return s.Window.Repl.PopupVisible; }));
        s.App.LayoutAndDraw();
        Assert.Contains("Recent", s.Screen);
        Assert.Equal(["ByState", "Count", "Recent"], s.Window.Repl.PopupItems);
        s.Press(Key.CursorDown);
        s.Press(Key.Enter);
        Assert.False(s.Window.Repl.PopupVisible);
        Assert.Equal("Jobs.Count", s.Window.Repl.Input.Text);
    }

    [Fact]
    public void Esc_leaves_the_repl_for_the_view_it_came_from()
    {
        using var s = new ScreenHarness();
        s.Press('3');
        s.Press(':');
        s.Press(Key.Esc);
        Assert.Equal(ConsoleMode.Logs, s.Model.Mode);
    }

    [Fact]
    public void Typing_inserts_at_the_cursor()
    {
        using var s = new ScreenHarness();
        s.Press(':');
        s.Press("1+2");
        s.Press(Key.CursorLeft, Key.CursorLeft);
        s.Press("0");
        Assert.Equal("10+2", s.Window.Repl.Input.Text);
        Assert.Equal(2, s.Window.Repl.Input.CurrentColumn);
    }

    [Fact]
    public void Word_moves_jump_over_words_and_ctrl_w_deletes_one()
    {
        using var s = new ScreenHarness();
        s.Press(':');
        s.Press("await Api.Running()");
        var input = s.Window.Repl.Input;
        s.Press(Key.CursorLeft.WithCtrl);
        Assert.Equal("await Api.Running".Length, input.CurrentColumn);
        s.Press(Key.CursorLeft.WithCtrl);
        Assert.Equal("await Api.".Length, input.CurrentColumn);
        s.Press(Key.CursorRight.WithCtrl);
        Assert.Equal("await Api.Running".Length, input.CurrentColumn);
        s.Press(Key.End);
        s.Press(Key.W.WithCtrl);
        Assert.Equal("await Api.Running", input.Text);
        s.Press(Key.W.WithCtrl);
        Assert.Equal("await Api.", input.Text);
    }

    [Fact]
    public void Home_and_end_stay_on_the_current_line_of_a_multi_line_input()
    {
        using var s = new ScreenHarness();
        s.Press(':');
        s.Press("if (x) {");
        s.Press(Key.Enter);
        s.Press("x + 1");
        var input = s.Window.Repl.Input;
        s.Press(Key.Home);
        Assert.Equal((1, 0), (input.CurrentRow, input.CurrentColumn));
        s.Press(Key.End);
        Assert.Equal((1, "x + 1".Length), (input.CurrentRow, input.CurrentColumn));
    }

    [Fact]
    public void Submit_empties_the_input_and_remembers_the_line_once()
    {
        using var s = new ScreenHarness();
        s.Press(':');
        s.Press("Clusters");
        s.Press(Key.Enter);
        Assert.Equal("", s.Window.Repl.Input.Text);
        s.Press("Clusters");
        s.Press(Key.Enter);
        Assert.Equal(["Clusters"], s.Pane.History.Entries);
    }

    private static bool SpinUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (condition()) return true;
            Thread.Sleep(10);
        }
        return false;
    }
}

using Dssr.Tui.Views;

namespace Dssr.Tui.Tests.Views;

/// <summary>How the lines of views 4 and 5 take screen rows: a wrapping line goes on indented below, cut at a space.</summary>
public class LinesViewTests
{
    [Fact]
    public void A_wrapping_line_breaks_at_spaces_and_goes_on_indented_and_others_are_left_to_be_cut()
    {
        ScreenLine[] lines =
        [
            new("title that is longer than the width"),
            new("  ↳ the cluster no longer knows job dummy_7", LineRole.Alert, Wrap: true),
            new("next"),
        ];
        var (rows, first, last) = LinesView.Layout(lines, 20, (1, 1));
        Assert.Equal(["title that is longer than the width", "  ↳ the cluster no", "    longer knows job", "    dummy_7", "next"], rows.Select(r => r.Text));
        Assert.All(rows.Skip(1).Take(3), r => Assert.Equal(LineRole.Alert, r.Role));
        Assert.Equal((1, 3), (first, last)); // the kept line's rows, to scroll to
    }

    [Fact]
    public void A_word_longer_than_the_width_is_cut_mid_word()
    {
        var (rows, _, _) = LinesView.Layout([new("x " + new string('a', 30), Wrap: true)], 12, (-1, -1));
        Assert.Equal(["x aaaaaaaaaa", "    aaaaaaaa", "    aaaaaaaa", "    aaaa"], rows.Select(r => r.Text));
    }
}

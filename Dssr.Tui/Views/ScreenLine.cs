namespace Dssr.Tui.Views;

/// <summary>How a line of a <see cref="LinesView"/> is drawn.</summary>
internal enum LineRole
{
    Normal,
    /// <summary>The theme's error colour: over budget, a disagreement.</summary>
    Alert,
    /// <summary>The selected row.</summary>
    Selected,
}

/// <param name="Wrap">Too long for the view, the line goes on below (indented) rather than being cut.</param>
internal readonly record struct ScreenLine(string Text, LineRole Role = LineRole.Normal, bool Wrap = false);

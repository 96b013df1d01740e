namespace Dssr.Tui.Views;

/// <summary>How a line of a <see cref="LinesView"/> is drawn.</summary>
public enum LineRole
{
    Normal,
    /// <summary>The theme's error colour: over budget, a disagreement.</summary>
    Alert,
    /// <summary>The selected row.</summary>
    Selected,
}

public readonly record struct ScreenLine(string Text, LineRole Role = LineRole.Normal);

namespace Dssr.Scripting.Formatting;

/// <summary>How much of a value the REPL shows: rows of a table, characters of a cell and of the whole answer.</summary>
public sealed record FormatLimits(int MaxRows = 50, int MaxCellChars = 60, int MaxChars = 8000)
{
    public static FormatLimits Default { get; } = new();
}

namespace Dssr.Scripting.Repl;

/// <summary>The REPL's own commands; any other <c>#</c> line (<c>#load</c>, <c>#r</c>) goes to the compiler.</summary>
internal enum ReplCommand
{
    Help,
    Vars,
    Reset,
}

internal static class ReplCommands
{
    public static ReplCommand? Parse(string line) => line.Trim() switch
    {
        "#help" or "#?" => ReplCommand.Help,
        "#vars" => ReplCommand.Vars,
        "#reset" => ReplCommand.Reset,
        _ => null,
    };
}

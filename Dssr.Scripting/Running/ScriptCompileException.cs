namespace Dssr.Scripting.Running;

/// <summary>The script does not compile; <see cref="Errors"/> are the compiler's lines, each with file, line and column.</summary>
public sealed class ScriptCompileException : Exception
{
    public ScriptCompileException(string path, IReadOnlyList<string> errors)
        : base($"{System.IO.Path.GetFileName(path)} does not compile:\n{string.Join('\n', errors)}")
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}

using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dssr.Scripting.Running;

/// <summary>A script file and every file it <c>#load</c>s, directly or not, each read once, in the order met.</summary>
internal static class ScriptSources
{
    public sealed record Source(string Path, string Text);

    public static IReadOnlyList<Source> Collect(string path)
    {
        var found = new List<Source>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(Path.GetFullPath(path), found, seen);
        return found;
    }

    private static void Visit(string path, List<Source> found, HashSet<string> seen)
    {
        if (!seen.Add(path)) return;
        if (!File.Exists(path))
        {
            // The compiler reports the missing file with its position; the key still changes when it appears.
            found.Add(new Source(path, "\0missing"));
            return;
        }
        var text = File.ReadAllText(path);
        found.Add(new Source(path, text));
        var root = (CompilationUnitSyntax)SyntaxFactory.ParseSyntaxTree(text, ScriptDefaults.ParseOptions).GetRoot();
        var directory = Path.GetDirectoryName(path)!;
        foreach (var load in root.GetLoadDirectives())
            Visit(Path.GetFullPath(Path.Combine(directory, load.File.ValueText)), found, seen);
    }
}

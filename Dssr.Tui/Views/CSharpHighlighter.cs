using Dssr.Scripting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Dssr.Tui.Views;

/// <summary>What a character of C# is, for colouring: from Roslyn's own lexer, so it agrees with the compiler.</summary>
internal enum CodeKind : byte
{
    Plain,
    Keyword,
    String,
    Number,
    Comment,
}

/// <summary>Classifies a REPL submission's characters by line and column.</summary>
internal static class CSharpHighlighter
{
    public static IReadOnlyList<CodeKind[]> Classify(string text)
    {
        var lines = text.Split('\n');
        var kinds = lines.Select(l => new CodeKind[l.Length]).ToList();
        var tree = CSharpSyntaxTree.ParseText(text, ScriptDefaults.ParseOptions);
        var source = tree.GetText();
        void Mark(Microsoft.CodeAnalysis.Text.TextSpan span, CodeKind kind)
        {
            for (var i = span.Start; i < span.End && i < text.Length; i++)
            {
                var pos = source.Lines.GetLinePosition(i);
                if (pos.Line < kinds.Count && pos.Character < kinds[pos.Line].Length) kinds[pos.Line][pos.Character] = kind;
            }
        }
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    Mark(trivia.Span, CodeKind.Comment);
            var kind = token.IsKeyword() || token.IsContextualKeyword() && token.Parent is not null && token.Text is "var" or "await" or "async"
                ? CodeKind.Keyword
                : token.Kind() switch
                {
                    SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringStartToken
                        or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedStringEndToken
                        or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken => CodeKind.String,
                    SyntaxKind.NumericLiteralToken => CodeKind.Number,
                    _ => CodeKind.Plain,
                };
            if (kind != CodeKind.Plain) Mark(token.Span, kind);
        }
        return kinds;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dssr.Scripting.Repl;

/// <summary>Questions about a submission's text that are answered from its syntax alone.</summary>
public static class Submission
{
    /// <summary>False while a block, string or statement is still open, so the REPL reads another line.</summary>
    public static bool IsComplete(string code) =>
        SyntaxFactory.IsCompleteSubmission(SyntaxFactory.ParseSyntaxTree(code, ScriptDefaults.ParseOptions));

    /// <summary>The <c>using</c> directives of a submission, replayed when a session is started afresh.</summary>
    public static IEnumerable<string> Usings(string code) =>
        ((CompilationUnitSyntax)SyntaxFactory.ParseSyntaxTree(code, ScriptDefaults.ParseOptions).GetRoot())
            .Usings.Select(u => u.ToString().Trim());

    /// <summary>
    /// True when the submission ends in an expression with a value (no semicolon, and not a call of
    /// a void method), so that a null result is shown as <c>null</c> rather than as nothing.
    /// </summary>
    public static bool EndsInValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root) return false;
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }
}

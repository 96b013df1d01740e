using System.Collections.Immutable;
using Dssr.Scripting.Globals;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.Tags;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.Text;

namespace Dssr.Scripting.Repl;

/// <summary>What completes the word at the cursor: where the word starts and the candidates, best first.</summary>
public sealed record CompletionItems(int Start, string Typed, IReadOnlyList<string> Items);

/// <summary>
/// Completion and signature help for REPL text, from Roslyn's own completion service over a script
/// document whose host object is <see cref="ScriptGlobals"/>, so <c>Jobs.</c> lists the journal's
/// members and LINQ. Built once (it loads the framework's metadata), then cheap per keystroke.
/// </summary>
public sealed class ReplCompletion
{
    private readonly Lazy<(AdhocWorkspace Workspace, ProjectId Project)> _workspace = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Builds the workspace in the background so the first Tab does not wait for it.</summary>
    public Task WarmUpAsync() => Task.Run(() => CompleteAsync("Jobs.", 5));

    public async Task<CompletionItems> CompleteAsync(string code, int position, CancellationToken ct = default)
    {
        var document = Document(code);
        var service = CompletionService.GetService(document);
        if (service is null) return new CompletionItems(position, "", []);
        var list = await service.GetCompletionsAsync(document, position, cancellationToken: ct).ConfigureAwait(false);
        var span = list.Span;
        var typed = code.Substring(span.Start, Math.Max(0, Math.Min(position, code.Length) - span.Start));
        var items = list.ItemsList
            .Where(i => typed.Length == 0 || i.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => i.FilterText.StartsWith(typed, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(i => i.Tags.Contains(WellKnownTags.ExtensionMethod) ? 1 : 0) // the type's own members before LINQ
            .ThenBy(i => i.SortText, StringComparer.OrdinalIgnoreCase)
            .Select(i => i.DisplayText)
            .Distinct()
            .ToList();
        return new CompletionItems(span.Start, typed, items);
    }

    /// <summary>The signatures of the method whose argument list holds the cursor, such as <c>JobQueries.Recent(int count = 20)</c>.</summary>
    public async Task<IReadOnlyList<string>> SignaturesAsync(string code, int position, CancellationToken ct = default)
    {
        var document = Document(code);
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
        if (root is null || model is null) return [];
        var token = root.FindToken(Math.Max(0, Math.Min(position, code.Length) - 1));
        var arguments = token.Parent?.AncestorsAndSelf().OfType<ArgumentListSyntax>().FirstOrDefault();
        if (arguments?.Parent is not InvocationExpressionSyntax invocation) return [];
        return model.GetMemberGroup(invocation.Expression, ct)
            .Select(m => m.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))
            .Distinct()
            .ToList();
    }

    private Document Document(string code)
    {
        var (workspace, project) = _workspace.Value;
        var id = DocumentId.CreateNewId(project);
        var solution = workspace.CurrentSolution.AddDocument(id, "line.csx", SourceText.From(code));
        return solution.GetDocument(id)!;
    }

    private static (AdhocWorkspace, ProjectId) Create()
    {
        var workspace = new AdhocWorkspace(MefHostServices.DefaultHost);
        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
        var compilation = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: ScriptDefaults.Imports);
        var project = ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "repl", "repl", LanguageNames.CSharp,
                isSubmission: true, compilationOptions: compilation, parseOptions: ScriptDefaults.ParseOptions,
                metadataReferences: references, hostObjectType: typeof(ScriptGlobals));
        workspace.AddProject(project);
        return (workspace, project.Id);
    }
}

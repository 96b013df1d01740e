using System.Collections.Concurrent;
using System.Text;
using Microsoft.CodeAnalysis.Scripting;

namespace Dssr.Scripting.Repl;

/// <summary>
/// Moves a session's variables into a fresh session: the values wait here under a ticket, and the
/// fresh session's first submission declares each variable again, typed, from <see cref="Take"/>
/// (reached through the globals' <c>CarriedValue</c>). One per REPL session, so sessions share nothing.
/// Variables whose type the new session cannot name (a type or anonymous type declared in the
/// REPL) are dropped, and listed so the operator is told.
/// </summary>
internal sealed class CarriedVariables
{
    private readonly ConcurrentDictionary<long, Dictionary<string, object?>> _waiting = new();
    private long _tickets;

    /// <summary>Called by the generated prelude, through the globals.</summary>
    public object? Take(long ticket, string name)
    {
        var values = _waiting[ticket];
        lock (values)
        {
            values.Remove(name, out var value);
            if (values.Count == 0) _waiting.TryRemove(ticket, out _);
            return value;
        }
    }

    /// <summary>A prelude declaring the variables of <paramref name="state"/> again, and the names kept and dropped.</summary>
    public Prelude Prepare(ScriptState? state, IEnumerable<string> usings)
    {
        var code = new StringBuilder();
        foreach (var u in usings.Distinct()) code.Append(u).Append('\n');
        var kept = new List<string>();
        var dropped = new List<string>();
        if (state is null) return new Prelude(code.ToString(), kept, dropped, 0);

        // A name declared twice: the latest declaration is the one in scope.
        var latest = new Dictionary<string, ScriptVariable>(StringComparer.Ordinal);
        foreach (var v in state.Variables) latest[v.Name] = v;
        var ticket = Interlocked.Increment(ref _tickets);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var v in latest.Values)
        {
            if (v.Name.StartsWith('<') || TypeNames.CSharp(v.Type) is not { } typeName)
            {
                dropped.Add(v.Name);
                continue;
            }
            values[v.Name] = v.Value;
            kept.Add(v.Name);
            code.Append($"{typeName} {v.Name} = ({typeName})CarriedValue({ticket}L, \"{v.Name}\")!;\n");
        }
        if (values.Count > 0) _waiting[ticket] = values;
        return new Prelude(code.ToString(), kept, dropped, ticket);
    }

    /// <summary>Lets go of values a prelude did not take (it failed to compile or run).</summary>
    public void Discard(Prelude prelude) => _waiting.TryRemove(prelude.Ticket, out _);

    public sealed record Prelude(string Code, IReadOnlyList<string> Kept, IReadOnlyList<string> Dropped, long Ticket);
}

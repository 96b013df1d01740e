using System.Text;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm.Tests;

/// <summary>A login node that answers from a table: the first rule whose argv starts with the given words wins.</summary>
public sealed class FakeShell : IRemoteShell
{
    private readonly List<(string[] Prefix, Func<RemoteCommand, RemoteResult> Answer)> _rules = [];

    public List<RemoteCommand> Commands { get; } = [];
    public string Destination => "fake";

    public FakeShell On(string[] prefix, int exitCode, string stdout = "", string stderr = "")
    {
        _rules.Add((prefix, _ => Result(exitCode, stdout, stderr)));
        return this;
    }

    public static RemoteResult Result(int exitCode, string stdout = "", string stderr = "") =>
        new(exitCode, Encoding.UTF8.GetBytes(stdout), Encoding.UTF8.GetBytes(stderr), TimeSpan.Zero);

    public Task<RemoteResult> RunAsync(RemoteCommand command, CancellationToken ct = default)
    {
        lock (Commands) Commands.Add(command);
        foreach (var (prefix, answer) in _rules)
            if (command.Argv.Take(prefix.Length).SequenceEqual(prefix)) return Task.FromResult(answer(command));
        return Task.FromResult(Result(127, "", $"fake: no rule for {command.Display}"));
    }

    public bool Ran(params string[] prefix) => Commands.Any(c => c.Argv.Take(prefix.Length).SequenceEqual(prefix));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

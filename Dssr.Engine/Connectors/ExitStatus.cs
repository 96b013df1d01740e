namespace Dssr.Engine.Connectors;

/// <summary>The /exitstatus tuple: rc (0, 1, -15, -9), elapsed, and <c>[output, termination line]</c> or empty.</summary>
public sealed record ExitStatus(int ExitCode, string Elapsed, IReadOnlyList<string> Logs, string FinalState);

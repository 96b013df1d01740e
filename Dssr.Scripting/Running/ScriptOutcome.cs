namespace Dssr.Scripting.Running;

/// <summary>The outcome of a script run: the exit code and, when it failed, the one line to print and the whole exception.</summary>
public sealed record ScriptOutcome(int ExitCode, string? Error, Exception? Exception = null);

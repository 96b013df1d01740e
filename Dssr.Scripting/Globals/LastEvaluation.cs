namespace Dssr.Scripting.Globals;

/// <summary>What the last evaluation left: the REPL prints one line for an exception, the whole one stays here.</summary>
public sealed class LastEvaluation
{
    public Exception? Exception { get; internal set; }
    public object? Value { get; internal set; }
    public TimeSpan Elapsed { get; internal set; }
}

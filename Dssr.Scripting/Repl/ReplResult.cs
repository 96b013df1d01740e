namespace Dssr.Scripting.Repl;

/// <summary>How an evaluation ended.</summary>
public enum ReplOutcome
{
    /// <summary>Evaluated; <see cref="ReplResult.Text"/> holds what it printed and its value, if any.</summary>
    Value,
    /// <summary>Not a complete submission yet: the caller reads another line and submits both.</summary>
    Incomplete,
    /// <summary>Did not compile; the text lists the errors with their (line,column).</summary>
    CompileError,
    /// <summary>Threw; the text is one line, the whole exception is in <c>Last.Exception</c>.</summary>
    Exception,
    /// <summary>Stopped when asked (it observed <c>Ct</c>); variables are kept.</summary>
    Cancelled,
    /// <summary>Ignored cancellation past the grace period; the session was replaced, see <see cref="ReplResult.Notice"/>.</summary>
    Abandoned,
    /// <summary>A REPL command such as <c>#help</c>.</summary>
    Command,
}

/// <summary>
/// What one submission gave: the text to show (printed output, then the value), and a notice when
/// the session itself changed (recycled to bound memory, or replaced after an abandoned evaluation).
/// </summary>
public sealed record ReplResult(ReplOutcome Outcome, string Text, string? Notice = null, TimeSpan Elapsed = default);

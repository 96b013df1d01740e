using Dssr.Scripting.Formatting;

namespace Dssr.Scripting.Repl;

/// <summary>
/// The REPL's limits. <see cref="GracePeriod"/>: how long a cancelled evaluation may take to stop before
/// the session is replaced. <see cref="RecycleAfter"/>: how many submissions one Roslyn session chains
/// before it is started afresh (each submission keeps its compilation alive; see the README's figures).
/// </summary>
public sealed record ReplOptions(
    TimeSpan GracePeriod,
    int RecycleAfter,
    FormatLimits Limits)
{
    public static ReplOptions Default { get; } = new(TimeSpan.FromSeconds(2), 50, FormatLimits.Default);
}

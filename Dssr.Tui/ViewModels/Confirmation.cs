namespace Dssr.Tui.ViewModels;

/// <summary>
/// A question the operator must answer with y before an action that changes something runs, with the
/// exact request it will send.
/// </summary>
public sealed record Confirmation(string Question, ConsoleCommand OnYes, string JobId, string Command);

namespace Dssr.Tui.ViewModels;

/// <summary>
/// A question the operator must answer with y before an action that changes something runs, with the
/// exact request it will send. <see cref="Row"/> is the reconciliation row a fix is for (null for an action on a queued job).
/// </summary>
internal sealed record Confirmation(string Question, ConsoleCommand OnYes, string JobId, string Command, Engine.Observability.ReconciliationRow? Row = null);

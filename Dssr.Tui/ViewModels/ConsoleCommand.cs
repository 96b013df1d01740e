namespace Dssr.Tui.ViewModels;

/// <summary>What a key asks for; <see cref="KeyMap"/> decides which key means which command where.</summary>
public enum ConsoleCommand
{
    Quit,
    Help,
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Open,
    StartFilter,
    SortNext,
    SortReverse,
    NewSample,
    Terminate,
    Release,
    FollowOutput,
    RunDiagnostics,
    ShowMain,
    ShowDiagnostics,
    ShowLogs,
    FocusNext,
    LogLevelNext,
    Yes,
    No,
    OpenRepl,
}

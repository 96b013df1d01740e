namespace Dssr.Tui.ViewModels;

/// <summary>The console's top line: what runs, where it serves, who may call it, and how busy the upstream is.</summary>
public sealed record HeaderInfo(
    string Version,
    string Address,
    bool Serving,
    string? ServingProblem,
    bool AuthOn,
    double RequestsPerSecond,
    TimeSpan? SinceUpstreamCall,
    bool ReadOnly);

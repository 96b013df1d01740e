using Dssr.Engine.Hosting;

namespace Dssr.Tui.Terminal;

/// <summary>The console's recorder key: starts recording the upstream conversation to a new file in the state folder, or stops.</summary>
internal sealed class RecorderToggle
{
    private readonly ServiceHost _host;

    public RecorderToggle(ServiceHost host) => _host = host;

    public async Task<string> ToggleAsync()
    {
        var recording = _host.Recording;
        if (recording.Current is { } current)
        {
            await recording.StopAsync();
            return $"recording stopped: {current.Count} request(s) in {current.File}";
        }
        // A new file each time: a recording is one session's traffic, to replay as a whole.
        var file = Path.Combine(_host.Options.StateDirectory, $"recording-{DateTime.UtcNow:yyyyMMdd-HHmmss}.jsonl");
        await recording.StartAsync(file);
        return $"recording the upstream conversation to {recording.Current?.File ?? file} (R stops)";
    }
}

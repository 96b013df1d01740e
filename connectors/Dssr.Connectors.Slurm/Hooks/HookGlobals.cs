namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>What every hook's code sees, whatever its stage: <see cref="Log"/>, its own file and folder, and <see cref="Cancellation"/>.</summary>
public abstract class HookGlobals(Action<string> log, CancellationToken cancellation, string hookFile)
{
    /// <summary>The hook's own file: a hook finds the files beside it (a CSV of accounts, a webhook's address) through it.</summary>
    public string HookFile { get; } = hookFile;
    public string HookFolder => System.IO.Path.GetDirectoryName(HookFile) ?? ".";
    /// <summary>Cancelled when the hook's time is up.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    public void Log(string message) => log(message);
}

using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>A hook that threw, ran out of time or made a change it may not make: the submit fails (500) naming the hook, its line and its limit.</summary>
public sealed class HookFailedException(string message, Exception? inner = null) : ConnectorException(message, inner);

using Dssr.Engine.Connectors;

namespace Dssr.Engine.Jobs;

/// <summary>
/// The journal could not be reached. Answered as a failure of what the route needs (500 JSON naming
/// the journal), never as "no such job".
/// </summary>
public sealed class JournalUnavailableException : ConnectorException
{
    public JournalUnavailableException(string kind, string location, string reason, Exception? inner = null)
        : base($"journal ({kind} {location}) unavailable: {reason}", inner) { }
}

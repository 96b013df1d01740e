namespace Dssr.Engine.Connectors;

/// <summary>The cluster could not do what was asked; the API answers 500 with this message.</summary>
public class ConnectorException : Exception
{
    public ConnectorException(string message, Exception? inner = null) : base(message, inner) { }
}

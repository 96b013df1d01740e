using Dssr.Engine.Connectors;

namespace Dssr.Engine.Remote;

/// <summary>The cluster could not be reached or did not answer in time; a connector failure (500 at the API).</summary>
public class RemoteException : ConnectorException
{
    public RemoteException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A command ran past its timeout and was stopped.</summary>
internal sealed class RemoteTimeoutException : RemoteException
{
    public RemoteTimeoutException(string message) : base(message) { }
}

/// <summary>No SSH session could be opened: refused, unreachable, or too slow to connect.</summary>
internal sealed class RemoteConnectException : RemoteException
{
    public RemoteConnectException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>The server refused the key for this user.</summary>
public sealed class RemoteAuthenticationException : RemoteException
{
    public RemoteAuthenticationException(string user, string host, int port, string detail)
        : base($"SSH authentication failed for {user}@{host}:{port}: {detail}")
    {
        User = user;
        Host = host;
        Port = port;
    }

    public string User { get; }
    public string Host { get; }
    public int Port { get; }
}

/// <summary>The server's host key is not the one expected: the connection was refused before authentication.</summary>
public sealed class HostKeyMismatchException : RemoteException
{
    public HostKeyMismatchException(string host, int port, IReadOnlyList<string> expected, IReadOnlyList<string> actual)
        : base($"host key of {host}:{port} does not match: expected {Describe(expected)}, the server sent {Describe(actual)}; connection refused")
    {
        Expected = expected;
        Actual = actual;
    }

    public IReadOnlyList<string> Expected { get; }
    public IReadOnlyList<string> Actual { get; }

    private static string Describe(IReadOnlyList<string> fingerprints) =>
        fingerprints.Count == 0 ? "(none known)" : string.Join(" or ", fingerprints);
}

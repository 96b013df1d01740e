using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;

namespace Dssr.Reliability.Tests.Parsers;

/// <summary>The errors a parser may raise: each becomes a clear answer (400, 500 or a one-line start error).</summary>
internal static class TypedErrors
{
    public static bool IsTyped(Exception e) => e is InvalidInputException or ConnectorException or ConfigurationException;

    /// <summary>Runs <paramref name="parse"/>; a typed error is an answer, anything else fails the test.</summary>
    public static void Only(Action parse)
    {
        try
        {
            parse();
        }
        catch (Exception e) when (IsTyped(e))
        {
        }
    }

    public static async Task OnlyAsync(Func<Task> parse)
    {
        try
        {
            await parse();
        }
        catch (Exception e) when (IsTyped(e))
        {
        }
    }
}

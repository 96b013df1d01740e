namespace Dssr.Engine.Connectors;

/// <summary>The request is wrong; the API answers 400 naming <see cref="Field"/>.</summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string field, string problem) : base($"{field}: {problem}")
    {
        Field = field;
        Problem = problem;
    }

    public string Field { get; }
    public string Problem { get; }
}

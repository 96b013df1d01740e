using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

namespace Dssr.Engine.Tests.Executors;

public class PythonFormatTests
{
    private static readonly Dictionary<string, string> Values = new() { ["DOWNSTREAM_PARAMETERS"] = "X={y}}" };

    private static string Format(string template) => PythonFormat.Format(template, Values, "f");

    [Fact]
    public void Placeholder_is_replaced_and_the_inserted_value_is_not_scanned_again() =>
        Assert.Equal("a X={y}} b", Format("a {DOWNSTREAM_PARAMETERS} b"));

    [Fact]
    public void Doubled_braces_become_single() =>
        Assert.Equal("awk '{print $1}' ${HOME} {{", Format("awk '{{print $1}}' ${{HOME}} {{{{"));

    [Theory]
    [InlineData("echo {x}", "{x}")]
    [InlineData("echo {}", "{}")]
    [InlineData("echo {0}", "{0}")]
    [InlineData("echo {DOWNSTREAM_PARAMETERS!r}", "{DOWNSTREAM_PARAMETERS!r}")]
    public void Any_other_placeholder_is_bad_input_naming_it(string template, string placeholder)
    {
        var e = Assert.Throws<InvalidInputException>(() => Format(template));
        Assert.Equal("f", e.Field);
        Assert.Contains(placeholder, e.Problem);
    }

    [Theory]
    [InlineData("a } b", "single '}'")]
    [InlineData("a { b", "single '{'")]
    [InlineData("a {", "single '{'")]
    [InlineData("a {x\n}", "single '{'")]
    public void Unbalanced_braces_are_bad_input(string template, string problem)
    {
        var e = Assert.Throws<InvalidInputException>(() => Format(template));
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void Error_names_the_line() =>
        Assert.Contains("line 3", Assert.Throws<InvalidInputException>(() => Format("a\nb\nc {x}")).Problem);
}

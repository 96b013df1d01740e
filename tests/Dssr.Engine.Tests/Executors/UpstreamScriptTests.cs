using System.Text;
using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

namespace Dssr.Engine.Tests.Executors;

public class UpstreamScriptTests
{
    private static UpstreamScript Of(string text) => new("singularity", text);

    [Fact]
    public void First_line_with_the_exact_key_wins()
    {
        var s = Of("JARVICE_CMD=first\nJARVICE_CMD=second\n");
        Assert.Equal("first", s.Find("JARVICE_CMD"));
    }

    [Theory]
    [InlineData("export JARVICE_CMD=x\n")]
    [InlineData(" JARVICE_CMD=x\n")]
    [InlineData("JARVICE_CMD_X=x\n")]
    [InlineData("XJARVICE_CMD=x\n")]
    public void Prefixed_indented_or_longer_keys_do_not_match(string text) => Assert.Null(Of(text).Find("JARVICE_CMD"));

    [Theory]
    [InlineData("JARVICE_CMD=\n")]
    [InlineData("JARVICE_CMD==x\n")]
    public void Nothing_between_the_first_two_equals_signs_is_no_value(string text) => Assert.Null(Of(text).Find("JARVICE_CMD"));

    [Fact]
    public void Value_is_kept_verbatim_with_quotes_blanks_carriage_return_and_braces()
    {
        var s = Of("JARVICE_CMD='a b' \"c\"  {{d}}=e \r\nnext=1");
        Assert.Equal("'a b' \"c\"  {{d}}=e \r", s.Find("JARVICE_CMD"));
    }

    [Fact]
    public void Decode_reads_the_configured_executor()
    {
        var b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("A=1\n"));
        var s = UpstreamScript.Decode("singularity", new Dictionary<string, string> { ["singularity"] = b64 });
        Assert.Equal("1", s.Find("A"));
    }

    [Theory]
    [InlineData("not base64!", "hpc_script.singularity")]
    [InlineData("//79", "hpc_script.singularity")]   // bytes ff fe fd: not UTF-8
    [InlineData("QQBC", "hpc_script.singularity")]   // "A\0B": a NUL
    public void Undecodable_scripts_are_bad_input_naming_the_executor(string b64, string field)
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            UpstreamScript.Decode("singularity", new Dictionary<string, string> { ["singularity"] = b64 }));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Missing_executor_key_is_bad_input()
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            UpstreamScript.Decode("singularity", new Dictionary<string, string> { ["docker"] = "" }));
        Assert.Equal("hpc_script.singularity", e.Field);
    }
}

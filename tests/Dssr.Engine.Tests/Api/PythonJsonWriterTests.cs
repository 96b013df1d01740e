using System.Text;
using System.Text.Json;
using Dssr.Engine.Api;

namespace Dssr.Engine.Tests.Api;

/// <summary>Expected strings were produced by Python 3.11's json.dumps(x, sort_keys=True, ensure_ascii=True, separators=(",", ":")).</summary>
public class PythonJsonWriterTests
{
    private static string Dump(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Encoding.ASCII.GetString(PythonJsonWriter.ToBytes(w => w.WriteElement(doc.RootElement)));
    }

    [Fact]
    public void Keys_are_sorted_and_non_ascii_keys_escaped()
    {
        Assert.Equal("{\"a\":[null,true,false],\"b\":1,\"\\u00e9\":\"x\"}\n", Dump("{\"b\":1,\"a\":[null,true,false],\"é\":\"x\"}"));
    }

    [Fact]
    public void Strings_escape_as_python_does_with_lower_case_hex_and_surrogate_pairs()
    {
        var bytes = PythonJsonWriter.ToBytes(w => w.String("<>&'/\"\\\n\r\t\b\f\u0000\u001f\u007f é€😀"));
        Assert.Equal("\"<>&'/\\\"\\\\\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f \\u00e9\\u20ac\\ud83d\\ude00\"\n", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public void Keys_sort_by_code_point_not_utf16_unit()
    {
        Assert.Equal("{\"z\":3,\"\\uffff\":2,\"\\ud83d\\ude00\":1}\n", Dump("{\"😀\":1,\"\\uffff\":2,\"z\":3}"));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1.5e-5, "1.5e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e22, "1e+22")]
    [InlineData(3.14159, "3.14159")]
    [InlineData(100.0, "100.0")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(12345.678, "12345.678")]
    public void Floats_are_written_as_python_repr(double value, string expected)
    {
        Assert.Equal(expected, PythonFloat.Repr(value));
    }

    [Fact]
    public void Parsed_numbers_keep_int_and_float_apart()
    {
        Assert.Equal("[100.0,0,7,12345678901234567890123]\n", Dump("[1e2, -0, 7, 12345678901234567890123]"));
    }

    [Fact]
    public void Duplicate_keys_keep_the_last_value_as_json_loads_does()
    {
        Assert.Equal("{\"a\":2}\n", Dump("{\"a\":1,\"a\":2}"));
    }

    [Fact]
    public void Nested_containers_take_commas_only_between_items()
    {
        var bytes = PythonJsonWriter.ToBytes(w => w.StartArray()
            .StartArray().String("a").String("b").EndArray()
            .StartObject().Key("k").StartArray().EndArray().Key("l").StartObject().EndObject().EndObject()
            .Int(-3).Null().EndArray());
        Assert.Equal("[[\"a\",\"b\"],{\"k\":[],\"l\":{}},-3,null]\n", Encoding.ASCII.GetString(bytes));
    }
}

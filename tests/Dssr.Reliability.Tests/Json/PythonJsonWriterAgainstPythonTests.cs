using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CsCheck;
using Dssr.Engine.Api;
using Dssr.Testing;
using Xunit.Abstractions;

namespace Dssr.Reliability.Tests.Json;

/// <summary>
/// The answers must be the original's bytes, and the original wrote them with Python's json module. So
/// generated documents are written by <see cref="PythonJsonWriter"/> and by Debian's python3
/// (<c>json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"))</c>, a newline after) and
/// compared byte for byte: 10,000 documents, plus strings with lone surrogates through <see cref="PythonJsonWriter.String"/>.
/// </summary>
public sealed class PythonJsonWriterAgainstPythonTests(ITestOutputHelper output)
{
    private const int Documents = 10_000;

    private const string DumpEachLine =
        "import json,sys\n" +
        "for line in sys.stdin:\n" +
        "    sys.stdout.write(json.dumps(json.loads(line), sort_keys=True, separators=(',', ':')) + '\\n')\n";

    [Fact]
    public void Ten_thousand_generated_documents_are_written_as_python_writes_them()
    {
        var documents = JsonValueGen.Value(4).Array[Documents].Single();
        var ours = documents.Select(text =>
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return Encoding.ASCII.GetString(PythonJsonWriter.ToBytes(w => w.WriteElement(doc.RootElement)));
        }).ToList();
        var python = Python(DumpEachLine, documents);
        Compare(documents, ours, python);
    }

    [Fact]
    public void Strings_with_lone_surrogates_are_escaped_as_python_escapes_them()
    {
        // Python builds each string from its raw UTF-16 code units (surrogatepass keeps lone halves), as a C# string holds them.
        const string fromUnits =
            "import json,sys\n" +
            "for line in sys.stdin:\n" +
            "    s = bytes.fromhex(line.strip()).decode('utf-16-le', 'surrogatepass')\n" +
            "    sys.stdout.write(json.dumps(s) + '\\n')\n";
        var strings = Gen.Frequency<char>((1, Gen.Char['\ud800', '\udfff']), (3, Gen.Char))
            .Array[0, 20].Select(a => new string(a)).Array[2_000].Single();
        var ours = strings.Select(s => Encoding.ASCII.GetString(PythonJsonWriter.ToBytes(w => w.String(s)))).ToList();
        var python = Python(fromUnits, strings.Select(s => Convert.ToHexString(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.AsSpan()))).ToList());
        Compare(strings.Select(JsonValueGen.Quote).ToList(), ours, python);
    }

    private void Compare(IReadOnlyList<string> inputs, IReadOnlyList<string> ours, IReadOnlyList<string> python)
    {
        Assert.Equal(inputs.Count, python.Count);
        var differ = Enumerable.Range(0, inputs.Count).Where(i => ours[i] != python[i] + "\n").ToList();
        output.WriteLine($"{inputs.Count} values compared with python3, {differ.Count} differ");
        if (differ.Count > 0)
            Assert.Fail($"{differ.Count} of {inputs.Count} differ; first: {inputs[differ[0]]}\n ours:   {ours[differ[0]]} python: {python[differ[0]]}");
    }

    private static List<string> Python(string program, IReadOnlyList<string> lines)
    {
        using var folder = new TempDirectory();
        var script = Path.Combine(folder.Path, "dump.py");
        File.WriteAllText(script, program);
        var start = new ProcessStartInfo("python3", [script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.ASCII,
        };
        using var python = Process.Start(start)!;
        var reading = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        foreach (var line in lines) python.StandardInput.Write(line + "\n");
        python.StandardInput.Close();
        var text = reading.GetAwaiter().GetResult();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"python3 failed: {errors.GetAwaiter().GetResult()}");
        return [.. text.Split('\n')[..^1]];
    }
}

using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dssr.Engine.Configuration;

/// <summary>
/// dssr.yaml as a configuration source: a mapping of setting names (the environment variables' names) to
/// values, read by the same binder as the environment. A list becomes a comma list. The line of each key is
/// kept, so an invalid value is reported with the place to fix it.
/// </summary>
public sealed class YamlSettingsFile : ConfigurationProvider, IConfigurationSource
{
    public YamlSettingsFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>The line of each key in the file (1-based).</summary>
    public IReadOnlyDictionary<string, int> Lines => _lines;
    private readonly Dictionary<string, int> _lines = new(StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load()
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(Path);
            yaml.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{Path} line {e.Start.Line}: not valid YAML ({e.Message})");
        }
        catch (IOException e)
        {
            throw new ConfigurationException($"{Path}: cannot be read ({e.Message})");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return;
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigurationException($"{Path} line {yaml.Documents[0].RootNode.Start.Line}: expected a mapping of setting names to values, such as WAITRESS_PORT: 5000");
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var line = (int)keyNode.Start.Line;
            var key = (keyNode as YamlScalarNode)?.Value
                ?? throw new ConfigurationException($"{Path} line {line}: a setting name must be plain text");
            Data[key] = valueNode switch
            {
                YamlScalarNode scalar => scalar.Value ?? "",
                YamlSequenceNode list when list.All(i => i is YamlScalarNode) => string.Join(",", list.Cast<YamlScalarNode>().Select(i => i.Value)),
                _ => throw new ConfigurationException($"{Path} line {line}: {key}: expected a value or a list of values"),
            };
            _lines[key] = line;
        }
    }
}

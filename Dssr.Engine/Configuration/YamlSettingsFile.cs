using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dssr.Engine.Configuration;

/// <summary>
/// dssr.yaml as a configuration source: a mapping of setting names (the environment variables' names) to
/// values, read by the same binder as the environment. A list becomes a comma list. The line of each key is
/// kept, so an invalid value is reported with the place to fix it. The <c>clusters:</c> list is kept apart, as
/// YAML, for <see cref="ClusterEntries"/>.
/// </summary>
public sealed class YamlSettingsFile : ConfigurationProvider, IConfigurationSource
{
    public YamlSettingsFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>The line of each key in the file (1-based).</summary>
    public IReadOnlyDictionary<string, int> Lines => _lines;
    private readonly Dictionary<string, int> _lines = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>clusters:</c> list as written, or null when the file has none.</summary>
    public YamlNode? Clusters { get; private set; }

    /// <summary>The line of the <c>clusters:</c> key.</summary>
    public int ClustersLine { get; private set; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load()
    {
        var yaml = new YamlStream();
        try
        {
            var text = File.ReadAllText(Path);
            RefuseWhatCannotLoad(text);
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{Path} line {e.Start.Line}: not valid YAML ({e.Message})");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException) // the YAML library's answer to some malformed input
        {
            throw new ConfigurationException($"{Path}: not valid YAML ({e.Message})");
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
            if (key == ClusterEntries.Key)
            {
                Clusters = valueNode;
                ClustersLine = line;
                continue;
            }
            Data[key] = valueNode switch
            {
                YamlScalarNode scalar => scalar.Value ?? "",
                YamlSequenceNode list when list.All(i => i is YamlScalarNode) => string.Join(",", list.Cast<YamlScalarNode>().Select(i => i.Value)),
                _ => throw new ConfigurationException($"{Path} line {line}: {key}: expected a value or a list of values"),
            };
            _lines[key] = line;
        }
    }

    private const int MaxDepth = 64;

    /// <summary>
    /// The YAML library builds its node tree by recursion: a file nested a few thousand levels deep, or an alias
    /// inside the node it names or used as a key, would end the process with a stack overflow. Its event parser
    /// does not recurse, so both are looked for with it first.
    /// </summary>
    private void RefuseWhatCannotLoad(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > MaxDepth)
                        throw new ConfigurationException($"{Path} line {parser.Current.Start.Line}: nested more than {MaxDepth} levels deep");
                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
                case YamlDotNet.Core.Events.AnchorAlias alias:
                    // The library's tree cannot hold every alias safely (one inside its own node, one used as a key):
                    // settings are written out in full.
                    throw new ConfigurationException($"{Path} line {alias.Start.Line}: aliases (*{alias.Value.Value}) are not supported; write the value out");
            }
        }
    }
}

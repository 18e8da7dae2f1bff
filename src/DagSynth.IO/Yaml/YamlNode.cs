using DagSynth.Diagnostics;

namespace DagSynth.IO.Yaml;

/// <summary>
/// A node of a YAML (or JSON) document with its source position. Our own small tree rather than
/// YamlDotNet's representation model, because a model file must keep duplicate keys (to report
/// them) and the exact position of every scalar.
/// </summary>
internal abstract class YamlNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    /// <summary>A short name of the node's shape, for messages.</summary>
    public abstract string Describe();
}

/// <summary>A scalar: its text exactly as written (YAML's implicit typing is not applied).</summary>
internal sealed class YamlScalar(SourceSpan span, string value, bool isPlain, bool isQuoted) : YamlNode(span)
{
    public string Value { get; } = value;

    /// <summary>Written without quotes (so <c>~</c>, <c>null</c> and an empty value mean "nothing").</summary>
    public bool IsPlain { get; } = isPlain;

    /// <summary>Written in single or double quotes: the text starts one column after <see cref="YamlNode.Span"/>.</summary>
    public bool IsQuoted { get; } = isQuoted;

    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "an empty value" : $"the value '{(Value.Length <= 60 ? Value : string.Concat(Value.AsSpan(0, 57), "..."))}'";
}

/// <summary>A sequence: <c>[a, b]</c> or a block of <c>- item</c> lines.</summary>
internal sealed class YamlSequence(SourceSpan span, List<YamlNode> items) : YamlNode(span)
{
    public List<YamlNode> Items { get; } = items;

    public override string Describe() => "a list";
}

/// <summary>A mapping, with its entries in the order written and duplicates kept.</summary>
internal sealed class YamlMapping(SourceSpan span, List<KeyValuePair<YamlScalar, YamlNode>> entries) : YamlNode(span)
{
    public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = entries;

    public override string Describe() => "a mapping";
}

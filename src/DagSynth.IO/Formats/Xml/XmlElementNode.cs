namespace DagSynth.IO.Formats.Xml;

/// <summary>An element of a small XML model file, with its position, attributes, direct text and children.</summary>
internal sealed class XmlElementNode(string name, int line, int column)
{
    private readonly System.Text.StringBuilder _text = new();

    /// <summary>The element's local name as written.</summary>
    public string Name { get; } = name;

    /// <summary>The 1-based line of the element's start tag.</summary>
    public int Line { get; } = line;

    /// <summary>The 1-based column of the element's start tag.</summary>
    public int Column { get; } = column;

    /// <summary>The attributes by name as written.</summary>
    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>The child elements in document order.</summary>
    public List<XmlElementNode> Children { get; } = [];

    /// <summary>Where the element's text content starts (line, column), or the start tag's position when it has none.</summary>
    public (int Line, int Column) TextStart { get; private set; }

    /// <summary>The element's own text content (entities decoded), not trimmed.</summary>
    public string Text => _text.ToString();

    /// <summary>Adds a chunk of text content read at <paramref name="line"/>, <paramref name="column"/>.</summary>
    public void AppendText(string text, int line, int column)
    {
        if (_text.Length == 0)
        {
            TextStart = (line, column);
        }

        _text.Append(text);
    }

    /// <summary>Whether the element is called <paramref name="name"/>, ignoring case.</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The attribute called <paramref name="name"/>, ignoring case, or null.</summary>
    public string? Attribute(string name)
    {
        foreach (var (key, value) in Attributes)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The children called <paramref name="name"/>, ignoring case.</summary>
    public IEnumerable<XmlElementNode> ChildrenNamed(string name) => Children.Where(c => c.Is(name));

    /// <summary>The first child called <paramref name="name"/>, ignoring case, or null.</summary>
    public XmlElementNode? Child(string name) => Children.FirstOrDefault(c => c.Is(name));
}

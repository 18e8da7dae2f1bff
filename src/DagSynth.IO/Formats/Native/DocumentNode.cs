namespace DagSynth.IO.Formats.Native;

/// <summary>A node of a model document about to be written as YAML or JSON.</summary>
internal abstract record DocumentNode
{
    /// <summary>Whether the node is written on one line (a scalar, or a list or map of scalars).</summary>
    public abstract bool IsFlow { get; }
}

/// <summary>A string.</summary>
internal sealed record DocumentString(string Value) : DocumentNode
{
    /// <inheritdoc/>
    public override bool IsFlow => true;
}

/// <summary>A number, already formatted for reading back exactly.</summary>
internal sealed record DocumentNumber(string Text) : DocumentNode
{
    /// <inheritdoc/>
    public override bool IsFlow => true;
}

/// <summary>A list.</summary>
internal sealed record DocumentList(List<DocumentNode> Items) : DocumentNode
{
    /// <inheritdoc/>
    public override bool IsFlow => Items.All(i => i is DocumentString or DocumentNumber);
}

/// <summary>A mapping, in the order written; on one line only when <paramref name="Inline"/> and its values are scalars.</summary>
internal sealed record DocumentMap(List<KeyValuePair<string, DocumentNode>> Entries, bool Inline = false) : DocumentNode
{
    /// <inheritdoc/>
    public override bool IsFlow => Entries.Count == 0 || (Inline && Entries.All(e => e.Value is DocumentString or DocumentNumber));

    /// <summary>Adds an entry.</summary>
    public DocumentMap Add(string key, DocumentNode value)
    {
        Entries.Add(KeyValuePair.Create(key, value));
        return this;
    }
}

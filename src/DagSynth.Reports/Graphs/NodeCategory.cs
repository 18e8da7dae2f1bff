using DagSynth.Models;

namespace DagSynth.Reports.Graphs;

/// <summary>How a node is drawn: one category per kind of value, each with its shape and colours.</summary>
internal enum NodeCategory
{
    /// <summary>Levels (categorical, ordinal, boolean): a rounded rectangle, blue.</summary>
    Discrete,

    /// <summary>Numbers and counts: a pill, orange.</summary>
    Number,

    /// <summary>Dates: a pill, green.</summary>
    Date,

    /// <summary>Identifiers and fake text: a plain rectangle, grey, dashed.</summary>
    Label,
}

/// <summary>Colours, shapes and captions of <see cref="NodeCategory"/>, shared by the SVG, DOT and Mermaid writers.</summary>
internal static class NodeStyles
{
    /// <summary>The category of <paramref name="variable"/>.</summary>
    public static NodeCategory Of(Variable variable) => variable.Kind switch
    {
        VariableKind.Categorical or VariableKind.Ordinal or VariableKind.Boolean => NodeCategory.Discrete,
        VariableKind.Continuous or VariableKind.Count => NodeCategory.Number,
        VariableKind.Date => NodeCategory.Date,
        _ => NodeCategory.Label,
    };

    /// <summary>Whether the node is computed by a formula (drawn with a dashed outline).</summary>
    public static bool IsDerived(Variable variable) => variable.Type == NodeType.Derive;

    /// <summary>The stroke colour.</summary>
    public static string Stroke(NodeCategory category) => category switch
    {
        NodeCategory.Discrete => "#0072B2",
        NodeCategory.Number => "#C24E00",
        NodeCategory.Date => "#008060",
        _ => "#666666",
    };

    /// <summary>The fill colour.</summary>
    public static string Fill(NodeCategory category) => category switch
    {
        NodeCategory.Discrete => "#E1EFF9",
        NodeCategory.Number => "#FBE7DA",
        NodeCategory.Date => "#DBF2EA",
        _ => "#F2F2F2",
    };

    /// <summary>The legend's words for the category.</summary>
    public static string Caption(NodeCategory category) => category switch
    {
        NodeCategory.Discrete => "levels",
        NodeCategory.Number => "number",
        NodeCategory.Date => "date",
        _ => "identifier or text",
    };

    /// <summary>The second line of a node: its type as written in the model (<c>boolean</c>, <c>normal</c>, ...).</summary>
    public static string Subtitle(Variable variable) => NodeVocabulary.NameOf(variable.Type);
}

using System.Globalization;
using DagSynth.IO.Formats.Export;
using DagSynth.IO.Formats.Xml;
using DagSynth.Models;

namespace DagSynth.IO.Formats.Xdsl;

/// <summary>
/// Writes GeNIe/SMILE's XDSL: <c>cpt</c> nodes in topological order (parents before children, as
/// SMILE expects), probabilities with the child fastest, and a GeNIe extension block giving each node
/// a name (its label, else its DagSynth name) and a position on a grid. Node and state ids must be
/// identifiers.
/// </summary>
internal sealed class XdslWriter : FormatWriter
{
    /// <inheritdoc/>
    public override FormatCapabilities Capabilities { get; } = new() { Name = "XDSL", Labels = true };

    /// <inheritdoc/>
    public override ExportNames ChooseNames(Model model, List<string> problems) =>
        ExportNames.Choose(model, NamePolicy.Identifier, NamePolicy.Identifier, problems);

    /// <inheritdoc/>
    public override void Write(Model model, ExportNames names, TextWriter writer)
    {
        using var xml = XmlOutput.Create(writer);
        xml.WriteStartElement("smile");
        xml.WriteAttributeString("version", "1.0");
        xml.WriteAttributeString("id", NamePolicy.Identifier.Problem(model.Name) is null ? model.Name : NamePolicy.Identifier.Sanitize(model.Name));
        xml.WriteAttributeString("numsamples", "10000");
        xml.WriteAttributeString("discsamples", "10000");
        xml.WriteStartElement("nodes");
        foreach (var index in model.TopologicalOrder)
        {
            var v = model.Variables[index];
            xml.WriteStartElement("cpt");
            xml.WriteAttributeString("id", names.Variable(v.Index));
            foreach (var level in names.Levels(v.Index))
            {
                xml.WriteStartElement("state");
                xml.WriteAttributeString("id", level);
                xml.WriteEndElement();
            }

            if (v.Parents.Length > 0)
            {
                xml.WriteElementString("parents", string.Join(" ", v.Parents.Select(names.Variable)));
            }

            xml.WriteElementString("probabilities", string.Join(" ", TableOf(v).Values.ToArray().Select(Number)));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("extensions");
        xml.WriteStartElement("genie");
        xml.WriteAttributeString("version", "1.0");
        xml.WriteAttributeString("app", "DagSynth");
        xml.WriteAttributeString("name", NamePolicy.XmlText.Problem(model.Name) is null ? model.Name : NamePolicy.XmlText.Sanitize(model.Name));
        var column = 0;
        foreach (var index in model.TopologicalOrder)
        {
            var v = model.Variables[index];
            var label = v.Label ?? v.Name;
            xml.WriteStartElement("node");
            xml.WriteAttributeString("id", names.Variable(v.Index));
            xml.WriteElementString("name", NamePolicy.XmlText.Problem(label) is null ? label : NamePolicy.XmlText.Sanitize(label));
            WriteColor(xml, "interior", "e5f6f7");
            WriteColor(xml, "outline", "000080");
            xml.WriteStartElement("font");
            xml.WriteAttributeString("color", "000000");
            xml.WriteAttributeString("name", "Arial");
            xml.WriteAttributeString("size", "8");
            xml.WriteEndElement();
            var x = 40 + (160 * (column % 8));
            var y = 40 + (90 * (column / 8));
            xml.WriteElementString("position", string.Create(CultureInfo.InvariantCulture, $"{x} {y} {x + 120} {y + 50}"));
            xml.WriteEndElement();
            column++;
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteColor(System.Xml.XmlWriter xml, string element, string color)
    {
        xml.WriteStartElement(element);
        xml.WriteAttributeString("color", color);
        xml.WriteEndElement();
    }
}

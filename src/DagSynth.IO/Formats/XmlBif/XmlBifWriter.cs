using DagSynth.IO.Formats.Export;
using DagSynth.IO.Formats.Xml;
using DagSynth.Models;

namespace DagSynth.IO.Formats.XmlBif;

/// <summary>Writes XMLBIF 0.3: variables with their outcomes, then definitions whose TABLE lists the child fastest, one row per line.</summary>
internal sealed class XmlBifWriter : FormatWriter
{
    /// <inheritdoc/>
    public override FormatCapabilities Capabilities { get; } = new() { Name = "XMLBIF" };

    /// <inheritdoc/>
    public override ExportNames ChooseNames(Model model, List<string> problems) =>
        ExportNames.Choose(model, NamePolicy.XmlText, NamePolicy.XmlText, problems);

    /// <inheritdoc/>
    public override void Write(Model model, ExportNames names, TextWriter writer)
    {
        using var xml = XmlOutput.Create(writer);
        xml.WriteStartDocument();
        xml.WriteComment(" Bayesian network in XMLBIF 0.3, written by DagSynth ");
        xml.WriteStartElement("BIF");
        xml.WriteAttributeString("VERSION", "0.3");
        xml.WriteStartElement("NETWORK");
        xml.WriteElementString("NAME", NamePolicy.XmlText.Problem(model.Name) is null ? model.Name : NamePolicy.XmlText.Sanitize(model.Name));
        foreach (var v in model.Variables)
        {
            xml.WriteStartElement("VARIABLE");
            xml.WriteAttributeString("TYPE", "nature");
            xml.WriteElementString("NAME", names.Variable(v.Index));
            foreach (var level in names.Levels(v.Index))
            {
                xml.WriteElementString("OUTCOME", level);
            }

            xml.WriteEndElement();
        }

        foreach (var v in model.Variables)
        {
            xml.WriteStartElement("DEFINITION");
            xml.WriteElementString("FOR", names.Variable(v.Index));
            foreach (var p in v.Parents)
            {
                xml.WriteElementString("GIVEN", names.Variable(p));
            }

            xml.WriteElementString("TABLE", XmlOutput.Rows(TableOf(v).Values, v.Cardinality, "      "));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }
}
